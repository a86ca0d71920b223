import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceDetails1796016288775 implements MigrationInterface {
  name = 'EvidenceDetails1796016288775';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evidence_events" ADD "details" text');
    await queryRunner.query('ALTER TABLE "evidence_events" ALTER COLUMN "messageId" DROP NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evidence_events" ALTER COLUMN "messageId" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "evidence_events" DROP COLUMN "details"');
  }
}
