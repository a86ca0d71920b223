import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobOutbox1796023769017 implements MigrationInterface {
  name = 'JobOutbox1796023769017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "job_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "jobId" varchar(36) NOT NULL, "createdAt" varchar(24) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "job_outbox"');
  }
}
