import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceLog1796023687956 implements MigrationInterface {
  name = 'EvidenceLog1796023687956';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evidence_chain_heads" ("chain" character varying(48) NOT NULL, "length" integer NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_899995c6630fb73b805c4e8779b" PRIMARY KEY ("chain"))',
    );
    await queryRunner.query(
      'CREATE TABLE "evidence_tree_heads" ("treeSize" integer NOT NULL, "rootHash" character varying(64) NOT NULL, "time" character varying(24) NOT NULL, "signature" character varying(128) NOT NULL, "keyId" character varying(64) NOT NULL, "timestampToken" text, CONSTRAINT "PK_0ae344f496b3b02197fee203511" PRIMARY KEY ("treeSize"))',
    );
    await queryRunner.query(
      'ALTER TABLE "evidence_events" ADD "format" integer NOT NULL DEFAULT \'1\'',
    );
    await queryRunner.query('ALTER TABLE "evidence_events" ADD "chainSeq" integer');
    await queryRunner.query('ALTER TABLE "evidence_events" ADD "leafIndex" integer');
    await queryRunner.query(
      'CREATE SEQUENCE IF NOT EXISTS "evidence_events_seq_seq" OWNED BY "evidence_events"."seq"',
    );
    await queryRunner.query(
      'ALTER TABLE "evidence_events" ALTER COLUMN "seq" SET DEFAULT nextval(\'"evidence_events_seq_seq"\')',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_dab69c3dbd7a7b94e4072a0930" ON "evidence_events" ("leafIndex") ',
    );
    // Existing events keep their numbers; new ones continue after the highest.
    await queryRunner.query(
      'SELECT setval(\'"evidence_events_seq_seq"\', COALESCE((SELECT MAX("seq") FROM "evidence_events"), 0) + 1, false)',
    );
    // One head per chain replaces the single global head; format 1 events keep their own links.
    await queryRunner.query('DROP TABLE "evidence_head"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evidence_head" ("id" integer NOT NULL, "seq" integer NOT NULL, "hash" character varying(64) NOT NULL, CONSTRAINT "PK_39f8a745a73651b57b06355cd5f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'INSERT INTO "evidence_head" ("id", "seq", "hash") SELECT 1, "seq", "hash" FROM "evidence_events" ORDER BY "seq" DESC LIMIT 1',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_dab69c3dbd7a7b94e4072a0930"');
    await queryRunner.query('ALTER TABLE "evidence_events" ALTER COLUMN "seq" DROP DEFAULT');
    await queryRunner.query('DROP SEQUENCE "evidence_events_seq_seq"');
    await queryRunner.query('ALTER TABLE "evidence_events" DROP COLUMN "leafIndex"');
    await queryRunner.query('ALTER TABLE "evidence_events" DROP COLUMN "chainSeq"');
    await queryRunner.query('ALTER TABLE "evidence_events" DROP COLUMN "format"');
    await queryRunner.query('DROP TABLE "evidence_tree_heads"');
    await queryRunner.query('DROP TABLE "evidence_chain_heads"');
  }
}
