import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackingIndexes1796025380970 implements MigrationInterface {
  name = 'TrackingIndexes1796025380970';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "IDX_2cad91b494f437b6a56252ce7b" ON "messages" ("classification") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_17a20046d7686c01241aa84e46" ON "recipients" ("address") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_17a20046d7686c01241aa84e46"');
    await queryRunner.query('DROP INDEX "IDX_2cad91b494f437b6a56252ce7b"');
  }
}
