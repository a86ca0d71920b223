import { MigrationInterface, QueryRunner } from 'typeorm';

/** Existing plain secrets are sealed by WebhookSecrets at startup: only it can reach the key store. */
export class SealedWebhookSecrets1796026900000 implements MigrationInterface {
  name = 'SealedWebhookSecrets1796026900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_endpoints" ADD COLUMN "sealedSecret" text');
    await queryRunner.query('ALTER TABLE "webhook_endpoints" ADD COLUMN "secretKey" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_endpoints" DROP COLUMN "secretKey"');
    await queryRunner.query('ALTER TABLE "webhook_endpoints" DROP COLUMN "sealedSecret"');
  }
}
