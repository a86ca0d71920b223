import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailFlowRules1795463911394 implements MigrationInterface {
  name = 'MailFlowRules1795463911394';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "mail_flow_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "position" integer NOT NULL, "enabled" boolean NOT NULL, "conditions" text NOT NULL, "classification" varchar(64) NOT NULL, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_24b0b00556e38e3b2237e13889" ON "mail_flow_rules" ("position") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_24b0b00556e38e3b2237e13889"');
    await queryRunner.query('DROP TABLE "mail_flow_rules"');
  }
}
