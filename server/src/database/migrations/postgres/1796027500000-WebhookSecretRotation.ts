import { MigrationInterface, QueryRunner } from 'typeorm';

/** The secret an endpoint had before a rotation, sealed like the current one, with its end. */
export class WebhookSecretRotation1796027500000 implements MigrationInterface {
  name = 'WebhookSecretRotation1796027500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_endpoints" ADD "previousSealedSecret" text');
    await queryRunner.query('ALTER TABLE "webhook_endpoints" ADD "previousSecretKey" text');
    await queryRunner.query(
      'ALTER TABLE "webhook_endpoints" ADD "previousSecretUntil" varchar(24)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhook_endpoints" DROP COLUMN "previousSecretUntil"');
    await queryRunner.query('ALTER TABLE "webhook_endpoints" DROP COLUMN "previousSecretKey"');
    await queryRunner.query('ALTER TABLE "webhook_endpoints" DROP COLUMN "previousSealedSecret"');
  }
}
