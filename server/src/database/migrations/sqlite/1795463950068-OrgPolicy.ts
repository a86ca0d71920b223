import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgPolicy1795463950068 implements MigrationInterface {
  name = 'OrgPolicy1795463950068';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "org_policy" ("id" varchar(16) PRIMARY KEY NOT NULL, "settings" text NOT NULL, "updatedAt" varchar(24) NOT NULL, "updatedBy" varchar(320) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "org_policy"');
  }
}
