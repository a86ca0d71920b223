import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailFlowRuleVersion1796024354949 implements MigrationInterface {
  name = 'MailFlowRuleVersion1796024354949';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_24b0b00556e38e3b2237e13889"');
    await queryRunner.query(
      'CREATE TABLE "temporary_mail_flow_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "position" integer NOT NULL, "enabled" boolean NOT NULL, "conditions" text NOT NULL, "classification" varchar(64) NOT NULL, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL, "version" integer NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_mail_flow_rules"("id", "name", "position", "enabled", "conditions", "classification", "createdAt", "updatedAt") SELECT "id", "name", "position", "enabled", "conditions", "classification", "createdAt", "updatedAt" FROM "mail_flow_rules"',
    );
    await queryRunner.query('DROP TABLE "mail_flow_rules"');
    await queryRunner.query('ALTER TABLE "temporary_mail_flow_rules" RENAME TO "mail_flow_rules"');
    await queryRunner.query(
      'CREATE INDEX "IDX_24b0b00556e38e3b2237e13889" ON "mail_flow_rules" ("position") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_24b0b00556e38e3b2237e13889"');
    await queryRunner.query('ALTER TABLE "mail_flow_rules" RENAME TO "temporary_mail_flow_rules"');
    await queryRunner.query(
      'CREATE TABLE "mail_flow_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "position" integer NOT NULL, "enabled" boolean NOT NULL, "conditions" text NOT NULL, "classification" varchar(64) NOT NULL, "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "mail_flow_rules"("id", "name", "position", "enabled", "conditions", "classification", "createdAt", "updatedAt") SELECT "id", "name", "position", "enabled", "conditions", "classification", "createdAt", "updatedAt" FROM "temporary_mail_flow_rules"',
    );
    await queryRunner.query('DROP TABLE "temporary_mail_flow_rules"');
    await queryRunner.query(
      'CREATE INDEX "IDX_24b0b00556e38e3b2237e13889" ON "mail_flow_rules" ("position") ',
    );
  }
}
