import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796025000185 implements MigrationInterface {
  name = 'Webhooks1796025000185';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" varchar(40) PRIMARY KEY NOT NULL, "endpointId" varchar(36) NOT NULL, "eventId" varchar(36) NOT NULL, "eventType" varchar(64) NOT NULL, "body" text NOT NULL, "state" varchar(12) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "lastStatus" integer, "lastError" varchar(1000), "lastAttemptAt" varchar(24), "deliveredAt" varchar(24), "createdAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a4390e170e6735b92bba9d5511" ON "webhook_deliveries" ("endpointId", "createdAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_endpoints" ("id" varchar(36) PRIMARY KEY NOT NULL, "url" varchar(2048) NOT NULL, "description" varchar(200) NOT NULL DEFAULT (\'\'), "eventTypes" text NOT NULL, "secret" varchar(200) NOT NULL, "allowedPrivateTargets" text NOT NULL, "enabled" boolean NOT NULL, "disabledReason" varchar(500), "failingSince" varchar(24), "createdAt" varchar(24) NOT NULL, "updatedAt" varchar(24) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook_endpoints"');
    await queryRunner.query('DROP INDEX "IDX_a4390e170e6735b92bba9d5511"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
  }
}
