import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailFlowRules1795463912457 implements MigrationInterface {
  name = 'MailFlowRules1795463912457';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "mail_flow_rules" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "position" integer NOT NULL, "enabled" boolean NOT NULL, "conditions" text NOT NULL, "classification" character varying(64) NOT NULL, "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_6bb6bb15378bba6710ce6ce4a6c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_24b0b00556e38e3b2237e13889" ON "mail_flow_rules" ("position") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_24b0b00556e38e3b2237e13889"');
    await queryRunner.query('DROP TABLE "mail_flow_rules"');
  }
}
