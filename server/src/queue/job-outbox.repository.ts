import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { mssqlTakeOutbox } from '../database/mssql/job.mssql';
import { engineOf, isoNow, runSql } from '../database/sql.util';

/** An outbox row as the relay hands it on: the job it wakes, and how long until the job is due. */
export interface OutboxEntry {
  id: string;
  jobId: string;
  type: string;
  delayMs: number;
}

interface OutboxRow {
  id: string;
  jobId: string;
  type: string | null;
  runAt: string | null;
  now: string;
}

/** All SQL of the job outbox (see JobOutboxEntity). */
@Injectable()
export class JobOutboxRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Writes an outbox row inside the caller's transaction. */
  async insert(tx: EntityManager, entry: { id: string; jobId: string }): Promise<void> {
    await runSql(
      tx,
      `INSERT INTO job_outbox (id, "jobId", "createdAt") VALUES (?, ?, ${isoNow(engineOf(tx))})`,
      [entry.id, entry.jobId],
    );
  }

  /**
   * Takes up to `limit` rows, hands the ones whose job still exists to `send`, and deletes them
   * all when `send` resolved, in one transaction. Rows are locked with SKIP LOCKED on PostgreSQL, so
   * relays on several instances take different rows; a relay that dies after `send` leaves its rows
   * for the next, which sends them again under the same ids.
   */
  async relay(limit: number, send: (entries: OutboxEntry[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const engine = engineOf(tx);
      const lock = engine === 'postgres' ? 'FOR UPDATE OF o SKIP LOCKED' : '';
      const { rows } = await runSql<OutboxRow>(
        tx,
        engine === 'mssql'
          ? mssqlTakeOutbox()
          : `SELECT o.id, o."jobId", j.type, j."runAt", ${isoNow(engine)} AS now
         FROM job_outbox o LEFT JOIN jobs j ON j.id = o."jobId"
         ORDER BY o."createdAt" LIMIT ? ${lock}`,
        [limit],
      );
      if (!rows.length) return 0;
      const live = rows.filter((r) => r.type !== null && r.runAt !== null);
      if (live.length) {
        await send(
          live.map((r) => ({
            id: r.id,
            jobId: r.jobId,
            type: r.type!,
            delayMs: Math.max(0, Date.parse(r.runAt!) - Date.parse(r.now)),
          })),
        );
      }
      await runSql(
        tx,
        `DELETE FROM job_outbox WHERE id IN (${rows.map(() => '?').join(', ')})`,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  async count(): Promise<number> {
    const { rows } = await runSql<{ n: number | string }>(
      this.db.manager,
      `SELECT COUNT(*) AS n FROM job_outbox`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}
