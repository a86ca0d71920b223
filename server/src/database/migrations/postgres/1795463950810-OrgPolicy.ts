import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgPolicy1795463950810 implements MigrationInterface {
  name = 'OrgPolicy1795463950810';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "org_policy" ("id" character varying(16) NOT NULL, "settings" text NOT NULL, "updatedAt" character varying(24) NOT NULL, "updatedBy" character varying(320) NOT NULL, CONSTRAINT "PK_808b613c74b8ca5f0ef287f1186" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "org_policy"');
  }
}
