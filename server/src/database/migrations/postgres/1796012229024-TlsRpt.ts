import { MigrationInterface, QueryRunner } from 'typeorm';

export class TlsRpt1796012229024 implements MigrationInterface {
  name = 'TlsRpt1796012229024';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "tlsrpt_counts" ("id" character varying(64) NOT NULL, "day" character varying(10) NOT NULL, "policyDomain" character varying(253) NOT NULL, "policyType" character varying(16) NOT NULL, "policyStrings" text NOT NULL, "mxHosts" text NOT NULL, "mxHost" character varying(253) NOT NULL, "receivingIp" character varying(45) NOT NULL, "resultType" character varying(40) NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_53fbda89e99c2ae97b50e080dc9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_dcc59391a68382cc06545af823" ON "tlsrpt_counts" ("day", "policyDomain") ',
    );
    await queryRunner.query(
      'CREATE TABLE "tlsrpt_reports" ("id" character varying(64) NOT NULL, "day" character varying(10) NOT NULL, "policyDomain" character varying(253) NOT NULL, "reportId" character varying(64) NOT NULL, "state" character varying(8) NOT NULL, "detail" character varying(1000), "createdAt" character varying(24) NOT NULL, CONSTRAINT "PK_146327839c33e4ff1a7b978452b" PRIMARY KEY ("id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "tlsrpt_reports"');
    await queryRunner.query('DROP INDEX "public"."IDX_dcc59391a68382cc06545af823"');
    await queryRunner.query('DROP TABLE "tlsrpt_counts"');
  }
}
