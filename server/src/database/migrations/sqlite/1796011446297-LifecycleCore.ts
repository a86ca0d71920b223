import { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleCore1796011446297 implements MigrationInterface {
  name = 'LifecycleCore1796011446297';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "recipient_phones" ("address" varchar(320) PRIMARY KEY NOT NULL, "phone" varchar(32) NOT NULL, "updatedAt" varchar(24) NOT NULL, "updatedBy" varchar(340) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "leader_locks" ("name" varchar(64) PRIMARY KEY NOT NULL, "owner" varchar(36) NOT NULL, "until" varchar(24) NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query('DROP INDEX "IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query(
      'CREATE TABLE "temporary_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "sender" varchar(320) NOT NULL, "classification" varchar(64) NOT NULL, "entry" varchar(8) NOT NULL, "createdAt" varchar(24) NOT NULL, "expiresAt" varchar(24) NOT NULL, "sealedMeta" text, "htmlSha256" varchar(64), "textSha256" varchar(64), "totalBytes" bigint NOT NULL, "contentState" varchar(8) NOT NULL, "contentDeletedAt" varchar(24), "ownerId" varchar(400), "contentDueAt" varchar(24))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_messages"("id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt") SELECT "id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt" FROM "messages"',
    );
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('ALTER TABLE "temporary_messages" RENAME TO "messages"');
    await queryRunner.query(
      'CREATE INDEX "IDX_7f0fba74ea1d7c20a6c8096695" ON "messages" ("contentState") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1b9646b652eef8636f6501a86f" ON "messages" ("expiresAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6ce6acdb0801254590f8a78c08" ON "messages" ("createdAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fc6f083269edb7a7798cdf13b0" ON "messages" ("sender") ',
    );
    await queryRunner.query('DROP INDEX "IDX_46fe35b96ff5a9db012ffaf783"');
    await queryRunner.query('DROP INDEX "IDX_ecc3a3872b887955b620502236"');
    await queryRunner.query('DROP INDEX "IDX_1de90a97cf5fb3b2d21b633602"');
    await queryRunner.query(
      'CREATE TABLE "temporary_recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "address" varchar(320) NOT NULL, "phone" varchar(32), "route" varchar(8) NOT NULL, "ceIdChannel" varchar(8) NOT NULL, "tokenHash" varchar(64) NOT NULL, "ceIdHash" varchar(64) NOT NULL, "state" varchar(24) NOT NULL, "failedAttempts" integer NOT NULL DEFAULT (0), "updatedAt" varchar(24) NOT NULL, "handedOverAt" varchar(24), "retainUntil" varchar(24), "lostCodeAt" varchar(24), "smsReference" varchar(64), "smsStatus" varchar(24))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_recipients"("id", "messageId", "address", "phone", "route", "ceIdChannel", "tokenHash", "ceIdHash", "state", "failedAttempts", "updatedAt", "handedOverAt", "retainUntil") SELECT "id", "messageId", "address", "phone", "route", "ceIdChannel", "tokenHash", "ceIdHash", "state", "failedAttempts", "updatedAt", "handedOverAt", "retainUntil" FROM "recipients"',
    );
    await queryRunner.query('DROP TABLE "recipients"');
    await queryRunner.query('ALTER TABLE "temporary_recipients" RENAME TO "recipients"');
    await queryRunner.query(
      'CREATE INDEX "IDX_46fe35b96ff5a9db012ffaf783" ON "recipients" ("state") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ecc3a3872b887955b620502236" ON "recipients" ("tokenHash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1de90a97cf5fb3b2d21b633602" ON "recipients" ("messageId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_d9d0bd71c81071d964325bfb0b"');
    await queryRunner.query(
      'CREATE TABLE "temporary_jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(48) NOT NULL, "payload" text NOT NULL, "state" varchar(8) NOT NULL, "runAt" varchar(24) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "leaseUntil" varchar(24), "leaseOwner" varchar(36), "lastError" varchar(1000), "createdAt" varchar(24) NOT NULL, "effects" text)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_jobs"("id", "type", "payload", "state", "runAt", "attempts", "leaseUntil", "leaseOwner", "lastError", "createdAt") SELECT "id", "type", "payload", "state", "runAt", "attempts", "leaseUntil", "leaseOwner", "lastError", "createdAt" FROM "jobs"',
    );
    await queryRunner.query('DROP TABLE "jobs"');
    await queryRunner.query('ALTER TABLE "temporary_jobs" RENAME TO "jobs"');
    await queryRunner.query(
      'CREATE INDEX "IDX_d9d0bd71c81071d964325bfb0b" ON "jobs" ("state", "runAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cf803e7bc9c4823b6ab03de6c1" ON "messages" ("ownerId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6e70938b547ef30095f2b35c53" ON "messages" ("contentDueAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c0c32e93169289f2d7d9e44d0a" ON "recipients" ("smsReference") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_c0c32e93169289f2d7d9e44d0a"');
    await queryRunner.query('DROP INDEX "IDX_6e70938b547ef30095f2b35c53"');
    await queryRunner.query('DROP INDEX "IDX_cf803e7bc9c4823b6ab03de6c1"');
    await queryRunner.query('DROP INDEX "IDX_d9d0bd71c81071d964325bfb0b"');
    await queryRunner.query('ALTER TABLE "jobs" RENAME TO "temporary_jobs"');
    await queryRunner.query(
      'CREATE TABLE "jobs" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(48) NOT NULL, "payload" text NOT NULL, "state" varchar(8) NOT NULL, "runAt" varchar(24) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "leaseUntil" varchar(24), "leaseOwner" varchar(36), "lastError" varchar(1000), "createdAt" varchar(24) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "jobs"("id", "type", "payload", "state", "runAt", "attempts", "leaseUntil", "leaseOwner", "lastError", "createdAt") SELECT "id", "type", "payload", "state", "runAt", "attempts", "leaseUntil", "leaseOwner", "lastError", "createdAt" FROM "temporary_jobs"',
    );
    await queryRunner.query('DROP TABLE "temporary_jobs"');
    await queryRunner.query(
      'CREATE INDEX "IDX_d9d0bd71c81071d964325bfb0b" ON "jobs" ("state", "runAt") ',
    );
    await queryRunner.query('DROP INDEX "IDX_1de90a97cf5fb3b2d21b633602"');
    await queryRunner.query('DROP INDEX "IDX_ecc3a3872b887955b620502236"');
    await queryRunner.query('DROP INDEX "IDX_46fe35b96ff5a9db012ffaf783"');
    await queryRunner.query('ALTER TABLE "recipients" RENAME TO "temporary_recipients"');
    await queryRunner.query(
      'CREATE TABLE "recipients" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "address" varchar(320) NOT NULL, "phone" varchar(32), "route" varchar(8) NOT NULL, "ceIdChannel" varchar(8) NOT NULL, "tokenHash" varchar(64) NOT NULL, "ceIdHash" varchar(64) NOT NULL, "state" varchar(24) NOT NULL, "failedAttempts" integer NOT NULL DEFAULT (0), "updatedAt" varchar(24) NOT NULL, "handedOverAt" varchar(24), "retainUntil" varchar(24))',
    );
    await queryRunner.query(
      'INSERT INTO "recipients"("id", "messageId", "address", "phone", "route", "ceIdChannel", "tokenHash", "ceIdHash", "state", "failedAttempts", "updatedAt", "handedOverAt", "retainUntil") SELECT "id", "messageId", "address", "phone", "route", "ceIdChannel", "tokenHash", "ceIdHash", "state", "failedAttempts", "updatedAt", "handedOverAt", "retainUntil" FROM "temporary_recipients"',
    );
    await queryRunner.query('DROP TABLE "temporary_recipients"');
    await queryRunner.query(
      'CREATE INDEX "IDX_1de90a97cf5fb3b2d21b633602" ON "recipients" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ecc3a3872b887955b620502236" ON "recipients" ("tokenHash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_46fe35b96ff5a9db012ffaf783" ON "recipients" ("state") ',
    );
    await queryRunner.query('DROP INDEX "IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query('DROP INDEX "IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query('ALTER TABLE "messages" RENAME TO "temporary_messages"');
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "sender" varchar(320) NOT NULL, "classification" varchar(64) NOT NULL, "entry" varchar(8) NOT NULL, "createdAt" varchar(24) NOT NULL, "expiresAt" varchar(24) NOT NULL, "sealedMeta" text, "htmlSha256" varchar(64), "textSha256" varchar(64), "totalBytes" bigint NOT NULL, "contentState" varchar(8) NOT NULL, "contentDeletedAt" varchar(24))',
    );
    await queryRunner.query(
      'INSERT INTO "messages"("id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt") SELECT "id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt" FROM "temporary_messages"',
    );
    await queryRunner.query('DROP TABLE "temporary_messages"');
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
    await queryRunner.query('DROP TABLE "leader_locks"');
    await queryRunner.query('DROP TABLE "recipient_phones"');
  }
}
