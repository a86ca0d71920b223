import { MigrationInterface, QueryRunner } from 'typeorm';

export class Classifications1796026254050 implements MigrationInterface {
  name = 'Classifications1796026254050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "classifications" ("id" varchar(64) PRIMARY KEY NOT NULL, "position" integer NOT NULL, "label" text NOT NULL, "description" text NOT NULL, "colour" varchar(16) NOT NULL, "purviewLabelId" varchar(36), "routeAs" varchar(16) NOT NULL, "builtIn" boolean NOT NULL, "version" integer NOT NULL, "updatedAt" varchar(24) NOT NULL, "updatedBy" varchar(330) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "classifications"');
  }
}
