import { MigrationInterface, QueryRunner } from 'typeorm';

export class TlsRpt1796012226317 implements MigrationInterface {
  name = 'TlsRpt1796012226317';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "tlsrpt_counts" ("id" varchar(64) PRIMARY KEY NOT NULL, "day" varchar(10) NOT NULL, "policyDomain" varchar(253) NOT NULL, "policyType" varchar(16) NOT NULL, "policyStrings" text NOT NULL, "mxHosts" text NOT NULL, "mxHost" varchar(253) NOT NULL, "receivingIp" varchar(45) NOT NULL, "resultType" varchar(40) NOT NULL, "count" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_dcc59391a68382cc06545af823" ON "tlsrpt_counts" ("day", "policyDomain") ',
    );
    await queryRunner.query(
      'CREATE TABLE "tlsrpt_reports" ("id" varchar(64) PRIMARY KEY NOT NULL, "day" varchar(10) NOT NULL, "policyDomain" varchar(253) NOT NULL, "reportId" varchar(64) NOT NULL, "state" varchar(8) NOT NULL, "detail" varchar(1000), "createdAt" varchar(24) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "tlsrpt_reports"');
    await queryRunner.query('DROP INDEX "IDX_dcc59391a68382cc06545af823"');
    await queryRunner.query('DROP TABLE "tlsrpt_counts"');
  }
}
