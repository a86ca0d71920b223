import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DatabaseService } from '../database/database.service';
import { engineOf, limit, runSql, top } from '../database/sql.util';
import type { CountRow } from './tlsrpt.rules';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** All SQL of TLS reporting: the daily counts and the claim on each daily report. */
@Injectable()
export class TlsRptRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Adds one session to its count; one statement, so concurrent deliveries never lose one. */
  async increment(day: string, row: Omit<CountRow, 'count'>): Promise<void> {
    const key = [
      day,
      row.policyDomain,
      row.policyType,
      JSON.stringify(row.policyStrings),
      JSON.stringify(row.mxHosts),
      row.mxHost,
      row.receivingIp,
      row.resultType,
    ];
    const columns = `"id", "day", "policyDomain", "policyType", "policyStrings", "mxHosts", "mxHost", "receivingIp", "resultType", "count"`;
    await this.db.transaction((m) =>
      runSql(
        m,
        engineOf(m) === 'mssql'
          ? // HOLDLOCK: without it two first sessions of a row could both take the INSERT branch.
            `MERGE INTO tlsrpt_counts WITH (HOLDLOCK) AS c
             USING (SELECT ? AS "id", ? AS "day", ? AS "policyDomain", ? AS "policyType", ? AS "policyStrings",
                           ? AS "mxHosts", ? AS "mxHost", ? AS "receivingIp", ? AS "resultType") AS s
             ON c."id" = s."id"
             WHEN MATCHED THEN UPDATE SET "count" = c."count" + 1
             WHEN NOT MATCHED THEN INSERT (${columns})
               VALUES (s."id", s."day", s."policyDomain", s."policyType", s."policyStrings", s."mxHosts",
                       s."mxHost", s."receivingIp", s."resultType", 1);`
          : `INSERT INTO tlsrpt_counts (${columns})
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT ("id") DO UPDATE SET "count" = tlsrpt_counts."count" + 1`,
        [sha256(key.join('\n')), ...key],
      ),
    );
  }

  async rows(day: string, policyDomain: string): Promise<CountRow[]> {
    const { rows } = await runSql<
      Omit<CountRow, 'policyStrings' | 'mxHosts'> & { policyStrings: string; mxHosts: string }
    >(
      this.db.manager,
      `SELECT "policyDomain", "policyType", "policyStrings", "mxHosts", "mxHost", "receivingIp", "resultType", "count"
       FROM tlsrpt_counts WHERE "day" = ? AND "policyDomain" = ? ORDER BY "id"`,
      [day, policyDomain],
    );
    return rows.map((r) => ({
      ...r,
      count: Number(r.count),
      policyStrings: JSON.parse(r.policyStrings) as string[],
      mxHosts: JSON.parse(r.mxHosts) as string[],
    }));
  }

  /** Policy domains with sessions on a day before `today` and no report yet, oldest first. */
  async due(today: string, max = 500): Promise<{ day: string; policyDomain: string }[]> {
    const engine = engineOf(this.db.manager);
    const { rows } = await runSql<{ day: string; policyDomain: string }>(
      this.db.manager,
      `SELECT DISTINCT ${top(engine)}c."day", c."policyDomain" FROM tlsrpt_counts c
       LEFT JOIN tlsrpt_reports r ON r."day" = c."day" AND r."policyDomain" = c."policyDomain"
       WHERE c."day" < ? AND r."id" IS NULL ORDER BY c."day", c."policyDomain" ${limit(engine)}`,
      engine === 'mssql' ? [max, today] : [today, max],
    );
    return rows;
  }

  /** Claims a report; false when another process (or an earlier run) has it already. */
  async claim(day: string, policyDomain: string, reportId: string): Promise<boolean> {
    const id = sha256(`${day} ${policyDomain}`);
    const values = [id, day, policyDomain, reportId, new Date().toISOString()];
    const { rows } = await this.db.transaction((m) =>
      engineOf(m) === 'mssql'
        ? // UPDLOCK, HOLDLOCK: a second claim waits for the first and then finds its row.
          runSql(
            m,
            `INSERT INTO tlsrpt_reports ("id", "day", "policyDomain", "reportId", "state", "detail", "createdAt")
             OUTPUT INSERTED."id"
             SELECT ?, ?, ?, ?, 'sending', NULL, ?
             WHERE NOT EXISTS (SELECT 1 FROM tlsrpt_reports WITH (UPDLOCK, HOLDLOCK) WHERE "id" = ?)`,
            [...values, id],
          )
        : runSql(
            m,
            `INSERT INTO tlsrpt_reports ("id", "day", "policyDomain", "reportId", "state", "detail", "createdAt")
             VALUES (?, ?, ?, ?, 'sending', NULL, ?) ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
            values,
          ),
    );
    return rows.length === 1;
  }

  async finish(day: string, policyDomain: string, state: string, detail: string): Promise<void> {
    await this.db.transaction((m) =>
      runSql(m, `UPDATE tlsrpt_reports SET "state" = ?, "detail" = ? WHERE "id" = ?`, [
        state,
        detail.slice(0, 1000),
        sha256(`${day} ${policyDomain}`),
      ]),
    );
  }

  async report(
    day: string,
    policyDomain: string,
  ): Promise<{ state: string; detail: string | null; reportId: string } | null> {
    const { rows } = await runSql<{ state: string; detail: string | null; reportId: string }>(
      this.db.manager,
      `SELECT "state", "detail", "reportId" FROM tlsrpt_reports WHERE "id" = ?`,
      [sha256(`${day} ${policyDomain}`)],
    );
    return rows[0] ?? null;
  }
}
