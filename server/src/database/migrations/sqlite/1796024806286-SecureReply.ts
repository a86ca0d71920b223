import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecureReply1796024806286 implements MigrationInterface {
  name = 'SecureReply1796024806286';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "message_replies" ("id" varchar(36) PRIMARY KEY NOT NULL, "messageId" varchar(36) NOT NULL, "recipientId" varchar(36) NOT NULL, "createdAt" varchar(24) NOT NULL, "state" varchar(16) NOT NULL, "wrappedKey" text, "sealedMeta" text, "parts" text NOT NULL, "textSha256" varchar(64) NOT NULL, "deliveredAt" varchar(24))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2cd06ec429d84e9470498a9f6e" ON "message_replies" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_08077575f74943282264547726" ON "message_replies" ("recipientId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_6e70938b547ef30095f2b35c53"');
    await queryRunner.query('DROP INDEX "IDX_cf803e7bc9c4823b6ab03de6c1"');
    await queryRunner.query('DROP INDEX "IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query('DROP INDEX "IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query(
      'CREATE TABLE "temporary_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "sender" varchar(320) NOT NULL, "classification" varchar(64) NOT NULL, "entry" varchar(8) NOT NULL, "createdAt" varchar(24) NOT NULL, "expiresAt" varchar(24) NOT NULL, "sealedMeta" text, "htmlSha256" varchar(64), "textSha256" varchar(64), "totalBytes" bigint NOT NULL, "contentState" varchar(8) NOT NULL, "contentDeletedAt" varchar(24), "ownerId" varchar(400), "contentDueAt" varchar(24), "allowReplies" boolean NOT NULL DEFAULT (1))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_messages"("id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt", "ownerId", "contentDueAt") SELECT "id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt", "ownerId", "contentDueAt" FROM "messages"',
    );
    await queryRunner.query('DROP TABLE "messages"');
    await queryRunner.query('ALTER TABLE "temporary_messages" RENAME TO "messages"');
    await queryRunner.query(
      'CREATE INDEX "IDX_6e70938b547ef30095f2b35c53" ON "messages" ("contentDueAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cf803e7bc9c4823b6ab03de6c1" ON "messages" ("ownerId") ',
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_7f0fba74ea1d7c20a6c8096695"');
    await queryRunner.query('DROP INDEX "IDX_1b9646b652eef8636f6501a86f"');
    await queryRunner.query('DROP INDEX "IDX_6ce6acdb0801254590f8a78c08"');
    await queryRunner.query('DROP INDEX "IDX_fc6f083269edb7a7798cdf13b0"');
    await queryRunner.query('DROP INDEX "IDX_cf803e7bc9c4823b6ab03de6c1"');
    await queryRunner.query('DROP INDEX "IDX_6e70938b547ef30095f2b35c53"');
    await queryRunner.query('ALTER TABLE "messages" RENAME TO "temporary_messages"');
    await queryRunner.query(
      'CREATE TABLE "messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "sender" varchar(320) NOT NULL, "classification" varchar(64) NOT NULL, "entry" varchar(8) NOT NULL, "createdAt" varchar(24) NOT NULL, "expiresAt" varchar(24) NOT NULL, "sealedMeta" text, "htmlSha256" varchar(64), "textSha256" varchar(64), "totalBytes" bigint NOT NULL, "contentState" varchar(8) NOT NULL, "contentDeletedAt" varchar(24), "ownerId" varchar(400), "contentDueAt" varchar(24))',
    );
    await queryRunner.query(
      'INSERT INTO "messages"("id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt", "ownerId", "contentDueAt") SELECT "id", "sender", "classification", "entry", "createdAt", "expiresAt", "sealedMeta", "htmlSha256", "textSha256", "totalBytes", "contentState", "contentDeletedAt", "ownerId", "contentDueAt" FROM "temporary_messages"',
    );
    await queryRunner.query('DROP TABLE "temporary_messages"');
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
    await queryRunner.query(
      'CREATE INDEX "IDX_cf803e7bc9c4823b6ab03de6c1" ON "messages" ("ownerId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6e70938b547ef30095f2b35c53" ON "messages" ("contentDueAt") ',
    );
    await queryRunner.query('DROP INDEX "IDX_08077575f74943282264547726"');
    await queryRunner.query('DROP INDEX "IDX_2cd06ec429d84e9470498a9f6e"');
    await queryRunner.query('DROP TABLE "message_replies"');
  }
}
