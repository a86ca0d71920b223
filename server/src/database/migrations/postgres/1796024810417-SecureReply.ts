import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecureReply1796024810417 implements MigrationInterface {
  name = 'SecureReply1796024810417';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "message_replies" ("id" character varying(36) NOT NULL, "messageId" character varying(36) NOT NULL, "recipientId" character varying(36) NOT NULL, "createdAt" character varying(24) NOT NULL, "state" character varying(16) NOT NULL, "wrappedKey" text, "sealedMeta" text, "parts" text NOT NULL, "textSha256" character varying(64) NOT NULL, "deliveredAt" character varying(24), CONSTRAINT "PK_6b6a26b5b288b9d77a7bea062c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2cd06ec429d84e9470498a9f6e" ON "message_replies" ("messageId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_08077575f74943282264547726" ON "message_replies" ("recipientId") ',
    );
    await queryRunner.query(
      'ALTER TABLE "messages" ADD "allowReplies" boolean NOT NULL DEFAULT true',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "allowReplies"');
    await queryRunner.query('DROP INDEX "public"."IDX_08077575f74943282264547726"');
    await queryRunner.query('DROP INDEX "public"."IDX_2cd06ec429d84e9470498a9f6e"');
    await queryRunner.query('DROP TABLE "message_replies"');
  }
}
