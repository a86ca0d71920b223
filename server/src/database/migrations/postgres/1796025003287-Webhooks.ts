import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796025003287 implements MigrationInterface {
  name = 'Webhooks1796025003287';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_deliveries" ("id" character varying(40) NOT NULL, "endpointId" character varying(36) NOT NULL, "eventId" character varying(36) NOT NULL, "eventType" character varying(64) NOT NULL, "body" text NOT NULL, "state" character varying(12) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "lastStatus" integer, "lastError" character varying(1000), "lastAttemptAt" character varying(24), "deliveredAt" character varying(24), "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a4390e170e6735b92bba9d5511" ON "webhook_deliveries" ("endpointId", "createdAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_endpoints" ("id" character varying(36) NOT NULL, "url" character varying(2048) NOT NULL, "description" character varying(200) NOT NULL DEFAULT \'\', "eventTypes" text NOT NULL, "secret" character varying(200) NOT NULL, "allowedPrivateTargets" text NOT NULL, "enabled" boolean NOT NULL, "disabledReason" character varying(500), "failingSince" character varying(24), "createdAt" character varying(24) NOT NULL, "updatedAt" character varying(24) NOT NULL, CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook_endpoints"');
    await queryRunner.query('DROP INDEX "public"."IDX_a4390e170e6735b92bba9d5511"');
    await queryRunner.query('DROP TABLE "webhook_deliveries"');
  }
}
