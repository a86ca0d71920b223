import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailFlowRuleVersion1796024360789 implements MigrationInterface {
  name = 'MailFlowRuleVersion1796024360789';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "mail_flow_rules" ADD "version" integer NOT NULL DEFAULT \'1\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "mail_flow_rules" DROP COLUMN "version"');
  }
}
