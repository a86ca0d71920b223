import { MigrationInterface, QueryRunner } from 'typeorm';

export class Classifications1796026257635 implements MigrationInterface {
  name = 'Classifications1796026257635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "classifications" ("id" character varying(64) NOT NULL, "position" integer NOT NULL, "label" text NOT NULL, "description" text NOT NULL, "colour" character varying(16) NOT NULL, "purviewLabelId" character varying(36), "routeAs" character varying(16) NOT NULL, "builtIn" boolean NOT NULL, "version" integer NOT NULL, "updatedAt" character varying(24) NOT NULL, "updatedBy" character varying(330) NOT NULL, CONSTRAINT "PK_58d976e264f75fc0ea006718856" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "classifications"');
  }
}
