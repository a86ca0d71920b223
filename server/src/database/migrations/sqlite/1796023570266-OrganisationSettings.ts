import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationSettings1796023570266 implements MigrationInterface {
  name = 'OrganisationSettings1796023570266';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organisation_settings" ("key" varchar(64) PRIMARY KEY NOT NULL, "version" integer NOT NULL, "value" text NOT NULL, "updatedAt" varchar(24) NOT NULL, "updatedBy" varchar(340) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "organisation_settings"');
  }
}
