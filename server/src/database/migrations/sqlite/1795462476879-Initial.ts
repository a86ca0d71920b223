import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795462476879 implements MigrationInterface {
  name = 'Initial1795462476879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(48) NOT NULL, "payload" text NOT NULL, "state" varchar(8) NOT NULL, "runAt" varchar(24) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "leaseUntil" varchar(24), "leaseOwner" varchar(36), "lastError" varchar(1000), "createdAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d9d0bd71c81071d964325bfb0b" ON "jobs" ("state", "runAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36) NOT NULL, "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "message_keys" ("messageId" varchar(36) PRIMARY KEY NOT NULL, "wrapped" text NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "message_parts" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "index" integer NOT NULL, "size" bigint NOT NULL, "sha256" varchar(64) NOT NULL, "contentType" varchar(200) NOT NULL, "blobId" varchar(200))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8d02da1712b03a95882941fc51" ON "message_parts" ("messageId", "kind", "index") ',
    );
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "sender" varchar(320) NOT NULL, "classification" varchar(64) NOT NULL, "entry" varchar(8) NOT NULL, "createdAt" varchar(24) NOT NULL, "expiresAt" varchar(24) NOT NULL, "sealedMeta" text, "htmlSha256" varchar(64), "textSha256" varchar(64), "totalBytes" bigint NOT NULL, "contentState" varchar(8) NOT NULL, "contentDeletedAt" varchar(24))',
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
      'CREATE TABLE "recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "address" varchar(320) NOT NULL, "phone" varchar(32), "route" varchar(8) NOT NULL, "ceIdChannel" varchar(8) NOT NULL, "tokenHash" varchar(64) NOT NULL, "ceIdHash" varchar(64) NOT NULL, "state" varchar(24) NOT NULL, "failedAttempts" integer NOT NULL DEFAULT (0), "updatedAt" varchar(24) NOT NULL, "handedOverAt" varchar(24), "retainUntil" varchar(24))',
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
      'CREATE TABLE "pickup_ip_failures" ("ip" varchar(64) PRIMARY KEY NOT NULL, "failures" integer NOT NULL, "windowStart" varchar(24) NOT NULL, "blockedUntil" varchar(24))',
    );
    await queryRunner.query(
      'CREATE TABLE "pickup_sessions" ("id" varchar(64) PRIMARY KEY NOT NULL, "recipientId" varchar(36) NOT NULL, "expiresAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e099a4a671310c16076df8b1a1" ON "pickup_sessions" ("recipientId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_25caf6231aded58eafb019b351" ON "pickup_sessions" ("expiresAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_25caf6231aded58eafb019b351"');
    await queryRunner.query('DROP INDEX "IDX_e099a4a671310c16076df8b1a1"');
    await queryRunner.query('DROP TABLE "pickup_sessions"');
    await queryRunner.query('DROP TABLE "pickup_ip_failures"');
    await queryRunner.query('DROP INDEX "IDX_46fe35b96ff5a9db012ffaf783"');
    await queryRunner.query('DROP INDEX "IDX_ecc3a3872b887955b620502236"');
    await queryRunner.query('DROP INDEX "IDX_1de90a97cf5fb3b2d21b633602"');
    await queryRunner.query('DROP TABLE "recipients"');
    await queryRunner.query('DROP INDEX "IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query('DROP INDEX "IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('DROP INDEX "IDX_8d02da1712b03a95882941fc51"');
    await queryRunner.query('DROP TABLE "message_parts"');
    await queryRunner.query('DROP TABLE "message_keys"');
    await queryRunner.query('DROP TABLE "evidence_head"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('DROP INDEX "IDX_d9d0bd71c81071d964325bfb0b"');
    await queryRunner.query('DROP TABLE "jobs"');
  }
}
