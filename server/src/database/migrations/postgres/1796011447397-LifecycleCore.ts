import { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleCore1796011447397 implements MigrationInterface {
  name = 'LifecycleCore1796011447397';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "recipient_phones" ("address" character varying(320) NOT NULL, "phone" character varying(32) NOT NULL, "updatedAt" character varying(24) NOT NULL, "updatedBy" character varying(340) NOT NULL, CONSTRAINT "PK_44159e227d4a91ac9a018da217a" PRIMARY KEY ("address"))',
    );
    await queryRunner.query(
      'CREATE TABLE "leader_locks" ("name" character varying(64) NOT NULL, "owner" character varying(36) NOT NULL, "until" character varying(24) NOT NULL, CONSTRAINT "PK_736e68c66f84ffe3d482045c48d" PRIMARY KEY ("name"))',
    );
    await queryRunner.query('ALTER TABLE "messages" ADD "ownerId" character varying(400)');
    await queryRunner.query('ALTER TABLE "messages" ADD "contentDueAt" character varying(24)');
    await queryRunner.query('ALTER TABLE "recipients" ADD "lostCodeAt" character varying(24)');
    await queryRunner.query('ALTER TABLE "recipients" ADD "smsReference" character varying(64)');
    await queryRunner.query('ALTER TABLE "recipients" ADD "smsStatus" character varying(24)');
    await queryRunner.query('ALTER TABLE "jobs" ADD "effects" text');
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
    await queryRunner.query('DROP INDEX "public"."IDX_c0c32e93169289f2d7d9e44d0a"');
    await queryRunner.query('DROP INDEX "public"."IDX_6e70938b547ef30095f2b35c53"');
    await queryRunner.query('DROP INDEX "public"."IDX_cf803e7bc9c4823b6ab03de6c1"');
    await queryRunner.query('ALTER TABLE "jobs" DROP COLUMN "effects"');
    await queryRunner.query('ALTER TABLE "recipients" DROP COLUMN "smsStatus"');
    await queryRunner.query('ALTER TABLE "recipients" DROP COLUMN "smsReference"');
    await queryRunner.query('ALTER TABLE "recipients" DROP COLUMN "lostCodeAt"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "contentDueAt"');
    await queryRunner.query('ALTER TABLE "messages" DROP COLUMN "ownerId"');
    await queryRunner.query('DROP TABLE "leader_locks"');
    await queryRunner.query('DROP TABLE "recipient_phones"');
  }
}
