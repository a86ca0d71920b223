import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobOutbox1796023772993 implements MigrationInterface {
  name = 'JobOutbox1796023772993';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "job_outbox" ("id" character varying(36) NOT NULL, "jobId" character varying(36) NOT NULL, "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_c3ba45dab51e3016acef18d0433" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "job_outbox"');
  }
}
