import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795462477349 implements MigrationInterface {
  name = 'Initial1795462477349';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" character varying(36) NOT NULL, "type" character varying(48) NOT NULL, "payload" text NOT NULL, "state" character varying(8) NOT NULL, "runAt" character varying(24) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "leaseUntil" character varying(24), "leaseOwner" character varying(36), "lastError" character varying(1000), "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d9d0bd71c81071d964325bfb0b" ON "jobs" ("state", "runAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer NOT NULL, "id" character varying(36) NOT NULL, "type" character varying(48) NOT NULL, "time" character varying(24) NOT NULL, "messageId" character varying(36) NOT NULL, "recipient" character varying(320), "actor" character varying(340) NOT NULL, "ip" character varying(64), "digests" text NOT NULL, "reason" character varying(1000), "prevHash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, "signature" character varying(128) NOT NULL, "keyId" character varying(64) NOT NULL, CONSTRAINT "PK_9e9d8ed796f2d7d19e3f6bf1e23" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_head" ("id" integer NOT NULL, "seq" integer NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_39f8a745a73651b57b06355cd5f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "message_keys" ("messageId" character varying(36) NOT NULL, "wrapped" text NOT NULL, CONSTRAINT "PK_b69911a68d8866f5c6024a36647" PRIMARY KEY ("messageId"))',
    );
    await queryRunner.query(
      'CREATE TABLE "message_parts" ("id" character varying(36) NOT NULL, "messageId" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "index" integer NOT NULL, "size" bigint NOT NULL, "sha256" character varying(64) NOT NULL, "contentType" character varying(200) NOT NULL, "blobId" character varying(200), CONSTRAINT "PK_8c2fdff3e365a573c892860560a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8d02da1712b03a95882941fc51" ON "message_parts" ("messageId", "kind", "index") ',
    );
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" character varying(36) NOT NULL, "sender" character varying(320) NOT NULL, "classification" character varying(64) NOT NULL, "entry" character varying(8) NOT NULL, "createdAt" character varying(24) NOT NULL, "expiresAt" character varying(24) NOT NULL, "sealedMeta" text, "htmlSha256" character varying(64), "textSha256" character varying(64), "totalBytes" bigint NOT NULL, "contentState" character varying(8) NOT NULL, "contentDeletedAt" character varying(24), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fc6f083269edb7a7798cdf13b0" ON "messages" ("sender") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6ce6acdb0801254590f8a78c08" ON "messages" ("createdAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b9646b652eef8636f6501a86f" ON "messages" ("expiresAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7f0fba74ea1d7c20a6c8096695" ON "messages" ("contentState") ',
    );
    await queryRunner.query(
      'CREATE TABLE "recipients" ("id" character varying(36) NOT NULL, "messageId" character varying(36) NOT NULL, "address" character varying(320) NOT NULL, "phone" character varying(32), "route" character varying(8) NOT NULL, "ceIdChannel" character varying(8) NOT NULL, "tokenHash" character varying(64) NOT NULL, "ceIdHash" character varying(64) NOT NULL, "state" character varying(24) NOT NULL, "failedAttempts" integer NOT NULL DEFAULT \'0\', "updatedAt" character varying(24) NOT NULL, "handedOverAt" character varying(24), "retainUntil" character varying(24), CONSTRAINT "PK_de8fc5a9c364568f294798fe1e9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1de90a97cf5fb3b2d21b633602" ON "recipients" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ecc3a3872b887955b620502236" ON "recipients" ("tokenHash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_46fe35b96ff5a9db012ffaf783" ON "recipients" ("state") ',
    );
    await queryRunner.query(
      'CREATE TABLE "pickup_ip_failures" ("ip" character varying(64) NOT NULL, "failures" integer NOT NULL, "windowStart" character varying(24) NOT NULL, "blockedUntil" character varying(24), CONSTRAINT "PK_515bd9fd52a144bf92aa8923afc" PRIMARY KEY ("ip"))',
    );
    await queryRunner.query(
      'CREATE TABLE "pickup_sessions" ("id" character varying(64) NOT NULL, "recipientId" character varying(36) NOT NULL, "expiresAt" character varying(24) NOT NULL, CONSTRAINT "PK_a25bfaf64e6299739edb42f460c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e099a4a671310c16076df8b1a1" ON "pickup_sessions" ("recipientId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_25caf6231aded58eafb019b351" ON "pickup_sessions" ("expiresAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_25caf6231aded58eafb019b351"');
    await queryRunner.query('DROP INDEX "public"."IDX_e099a4a671310c16076df8b1a1"');
    await queryRunner.query('DROP TABLE "pickup_sessions"');
    await queryRunner.query('DROP TABLE "pickup_ip_failures"');
    await queryRunner.query('DROP INDEX "public"."IDX_46fe35b96ff5a9db012ffaf783"');
    await queryRunner.query('DROP INDEX "public"."IDX_ecc3a3872b887955b620502236"');
    await queryRunner.query('DROP INDEX "public"."IDX_1de90a97cf5fb3b2d21b633602"');
    await queryRunner.query('DROP TABLE "recipients"');
    await queryRunner.query('DROP INDEX "public"."IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query('DROP INDEX "public"."IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "public"."IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "public"."IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP INDEX "public"."IDX_8d02da1712b03a95882941fc51"');
    await queryRunner.query('DROP TABLE "message_parts"');
    await queryRunner.query('DROP TABLE "message_keys"');
    await queryRunner.query('DROP TABLE "evidence_head"');
    await queryRunner.query('DROP INDEX "public"."IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "public"."IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('DROP INDEX "public"."IDX_d9d0bd71c81071d964325bfb0b"');
    await queryRunner.query('DROP TABLE "jobs"');
  }
}
