import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceDetails1796016287557 implements MigrationInterface {
  name = 'EvidenceDetails1796016287557';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36) NOT NULL, "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId" FROM "evidence_events"',
    );
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('ALTER TABLE "temporary_evidence_events" RENAME TO "evidence_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36), "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details" FROM "evidence_events"',
    );
    await queryRunner.query('DROP TABLE "evidence_events"');
    await queryRunner.query('ALTER TABLE "temporary_evidence_events" RENAME TO "evidence_events"');
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('ALTER TABLE "evidence_events" RENAME TO "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36) NOT NULL, "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL, "details" text)',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId", "details" FROM "temporary_evidence_events"',
    );
    await queryRunner.query('DROP TABLE "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_8292ef0bc707397b1293647a4e"');
    await queryRunner.query('DROP INDEX "IDX_a8c2e5f62098dca0ff4aa22887"');
    await queryRunner.query('ALTER TABLE "evidence_events" RENAME TO "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE TABLE "evidence_events" ("seq" integer PRIMARY KEY NOT NULL, "id" varchar(36) NOT NULL, "type" varchar(48) NOT NULL, "time" varchar(24) NOT NULL, "messageId" varchar(36) NOT NULL, "recipient" varchar(320), "actor" varchar(340) NOT NULL, "ip" varchar(64), "digests" text NOT NULL, "reason" varchar(1000), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL, "signature" varchar(128) NOT NULL, "keyId" varchar(64) NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_events"("seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId") SELECT "seq", "id", "type", "time", "messageId", "recipient", "actor", "ip", "digests", "reason", "prevHash", "hash", "signature", "keyId" FROM "temporary_evidence_events"',
    );
    await queryRunner.query('DROP TABLE "temporary_evidence_events"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8292ef0bc707397b1293647a4e" ON "evidence_events" ("id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a8c2e5f62098dca0ff4aa22887" ON "evidence_events" ("messageId") ',
    );
  }
}
