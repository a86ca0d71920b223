import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationSettings1796023574039 implements MigrationInterface {
  name = 'OrganisationSettings1796023574039';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organisation_settings" ("key" character varying(64) NOT NULL, "version" integer NOT NULL, "value" text NOT NULL, "updatedAt" character varying(24) NOT NULL, "updatedBy" character varying(340) NOT NULL, CONSTRAINT "PK_77d3aca636e58935b903e73c03a" PRIMARY KEY ("key"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "organisation_settings"');
  }
}
