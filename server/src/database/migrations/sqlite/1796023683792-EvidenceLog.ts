import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceLog1796023683792 implements MigrationInterface {
  name = 'EvidenceLog1796023683792';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evidence_chain_heads" ("chain" varchar(48) PRIMARY KEY NOT NULL, "length" integer NOT NULL, "hash" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_tree_heads" ("treeSize" integer PRIMARY KEY NOT NULL, "rootHash" varchar(64) NOT NULL, "time" varchar(24) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "timestampToken" text)',
    );
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36), "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text, "format" integer NOT NULL DEFAULT (1), "chainSeq" integer, "leafIndex" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details" FROM "evidence_events"',
    );
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('ALTER TABLE "temporary_evidence_events" RENAME TO "evidence_events"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evidence_events" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36), "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text, "format" integer NOT NULL DEFAULT (1), "chainSeq" integer, "leafIndex" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details", "format", "chainSeq", "leafIndex") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details", "format", "chainSeq", "leafIndex" FROM "evidence_events"',
    );
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('ALTER TABLE "temporary_evidence_events" RENAME TO "evidence_events"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_dab69c3dbd7a7b94e4072a0930" ON "evidence_events" ("leafIndex") ',
    );
    // One head per chain replaces the single global head; format 1 events keep their own links.
    await queryRunner.query('DROP TABLE "evidence_head"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evidence_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_head" ("id", "seq", "hash") SELECT 1, "seq", "hash" FROM "evidence_events" ORDER BY "seq" DESC LIMIT 1',
    );
    await queryRunner.query('DROP INDEX "IDX_dab69c3dbd7a7b94e4072a0930"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('ALTER TABLE "evidence_events" RENAME TO "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36), "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text, "format" integer NOT NULL DEFAULT (1), "chainSeq" integer, "leafIndex" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details", "format", "chainSeq", "leafIndex") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details", "format", "chainSeq", "leafIndex" FROM "temporary_evidence_events"',
    );
    await queryRunner.query('DROP TABLE "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('ALTER TABLE "evidence_events" RENAME TO "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36), "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text)',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details" FROM "temporary_evidence_events"',
    );
    await queryRunner.query('DROP TABLE "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query('DROP TABLE "evidence_tree_heads"');
    await queryRunner.query('DROP TABLE "evidence_chain_heads"');
  }
}
