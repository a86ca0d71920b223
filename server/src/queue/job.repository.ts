import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { mssqlClaimJobs } from '../database/mssql/job.mssql';
import {
  engineOf,
  isoNow,
  isoNowPlus,
  limit as limitClause,
  output,
  placeholders,
  returning,
  runSql,
  top,
} from '../database/sql.util';

/** A job as a worker holds it after claiming. */
export interface ClaimedJob {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  /** The claim's lease token; every later write about this job names it. */
  lease: string;
  effects: string[];
}

interface JobRow {
  id: string;
  type: string;
  payload: string;
  attempts: number | string;
  createdAt: string;
  leaseOwner: string;
  effects: string | null;
}

/**
 * All SQL of the job queue. Times come from the database clock. A claim is one statement (with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, so workers on several instances never wait on each
 * other's rows); every later write is fenced by the claim's lease token and reports whether it won.
 */
@Injectable()
export class JobRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(
    tx: EntityManager,
    job: { id: string; type: string; payload: unknown; delayMs: number },
  ): Promise<void> {
    const engine = engineOf(tx);
    await runSql(
      tx,
      `INSERT INTO jobs (id, type, payload, state, "runAt", attempts, "createdAt")
       VALUES (?, ?, ?, 'queued', ${isoNowPlus(engine)}, 0, ${isoNow(engine)})`,
      [job.id, job.type, JSON.stringify(job.payload), Math.max(0, Math.round(job.delayMs))],
    );
  }

  /** Leases up to `limit` due jobs of the given types to a new lease token. */
  async claim(
    types: string[],
    limit: number,
    lease: string,
    leaseMs: number,
  ): Promise<ClaimedJob[]> {
    if (!types.length || limit < 1) return [];
    return this.db.singleStatement(async (manager) => {
      const engine = engineOf(manager);
      if (engine === 'mssql') {
        const { rows } = await runSql<JobRow>(manager, mssqlClaimJobs(types.length).sql, [
          limit,
          ...types,
          lease,
          leaseMs,
        ]);
        return rows.map(toClaimed);
      }
      const now = isoNow(engine);
      const lock = engine === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
      const { rows } = await runSql<JobRow>(
        manager,
        `UPDATE jobs SET "leaseOwner" = ?, "leaseUntil" = ${isoNowPlus(engine)}, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM jobs
           WHERE state = 'queued' AND type IN (${placeholders(types.length)}) AND "runAt" <= ${now}
             AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
           ORDER BY "runAt" LIMIT ? ${lock})
         RETURNING id, type, payload, attempts, "createdAt", "leaseOwner", effects`,
        [lease, leaseMs, ...types, limit],
      );
      return rows.map(toClaimed);
    });
  }

  /**
   * Leases one job by id (BullMQ names the job to run). `gone` when the job is finished or failed;
   * `wait` with the time until it is due or until another worker's lease runs out.
   */
  async claimOne(
    id: string,
    lease: string,
    leaseMs: number,
  ): Promise<
    { kind: 'claimed'; job: ClaimedJob } | { kind: 'gone' } | { kind: 'wait'; ms: number }
  > {
    const claimed = await this.db.singleStatement(async (manager) => {
      const engine = engineOf(manager);
      const now = isoNow(engine);
      const { rows } = await runSql<JobRow>(
        manager,
        `UPDATE jobs SET "leaseOwner" = ?, "leaseUntil" = ${isoNowPlus(engine)}, attempts = attempts + 1
         ${output(engine, JOB_COLUMNS)}
         WHERE id = ? AND state = 'queued' AND "runAt" <= ${now}
           AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
         ${returning(engine, JOB_COLUMNS)}`,
        [lease, leaseMs, id],
      );
      return rows[0];
    });
    if (claimed) return { kind: 'claimed', job: toClaimed(claimed) };
    const engine = engineOf(this.db.manager);
    const { rows } = await runSql<{
      state: string;
      runAt: string;
      leaseUntil: string | null;
      now: string;
    }>(
      this.db.manager,
      `SELECT state, "runAt", "leaseUntil", ${isoNow(engine)} AS now FROM jobs WHERE id = ?`,
      [id],
    );
    const row = rows[0];
    if (!row || row.state !== 'queued') return { kind: 'gone' };
    const now = Date.parse(row.now);
    const until = Math.max(Date.parse(row.runAt), row.leaseUntil ? Date.parse(row.leaseUntil) : 0);
    return { kind: 'wait', ms: Math.max(50, until - now + 50) };
  }

  /**
   * Extends the leases of the given jobs, each still under its claim's token, in one statement;
   * returns the ids still held (a job whose lease lapsed and that another worker claimed is missing).
   */
  async renew(jobs: { id: string; lease: string }[], leaseMs: number): Promise<Set<string>> {
    if (!jobs.length) return new Set();
    const tokens = [...new Set(jobs.map((j) => j.lease))];
    const { rows } = await this.db.singleStatement((manager) =>
      runSql<{ id: string }>(
        manager,
        `UPDATE jobs SET "leaseUntil" = ${isoNowPlus(engineOf(manager))}
         ${output(engineOf(manager), ['id'])}
         WHERE id IN (${placeholders(jobs.length)}) AND "leaseOwner" IN (${placeholders(tokens.length)})
           AND state = 'queued'
         ${returning(engineOf(manager), ['id'])}`,
        [leaseMs, ...jobs.map((j) => j.id), ...tokens],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Records the effects done so far, inside the caller's transaction; false when the lease was lost. */
  async recordEffects(
    tx: EntityManager,
    id: string,
    lease: string,
    effects: string[],
  ): Promise<boolean> {
    const r = await runSql(tx, `UPDATE jobs SET effects = ? WHERE id = ? AND "leaseOwner" = ?`, [
      JSON.stringify(effects),
      id,
      lease,
    ]);
    return r.affected === 1;
  }

  /**
   * A finished job is removed, in one statement (alone or in the caller's transaction); false when
   * the lease was lost.
   */
  async complete(manager: EntityManager, id: string, lease: string): Promise<boolean> {
    const r = await runSql(manager, `DELETE FROM jobs WHERE id = ? AND "leaseOwner" = ?`, [
      id,
      lease,
    ]);
    return r.affected === 1;
  }

  /** Gives the job back with a delay before its next attempt. */
  retry(id: string, lease: string, delayMs: number, error: string): Promise<boolean> {
    return this.db.singleStatement(async (manager) => {
      const r = await runSql(
        manager,
        `UPDATE jobs SET "lastError" = ?, "leaseUntil" = NULL, "leaseOwner" = NULL,
           "runAt" = ${isoNowPlus(engineOf(manager))}
         WHERE id = ? AND "leaseOwner" = ?`,
        [error.slice(0, 1000), Math.max(0, Math.round(delayMs)), id, lease],
      );
      return r.affected === 1;
    });
  }

  /** Marks the job failed for good (its payload, which may hold sealed secrets, is dropped). */
  async fail(tx: EntityManager, id: string, lease: string, error: string): Promise<boolean> {
    const r = await runSql(
      tx,
      `UPDATE jobs SET state = 'failed', "lastError" = ?, "leaseUntil" = NULL, payload = '{}'
       WHERE id = ? AND "leaseOwner" = ?`,
      [error.slice(0, 1000), id, lease],
    );
    return r.affected === 1;
  }

  /** Queued jobs due for `olderThanMs` that nobody holds (BullMQ's reconciliation). */
  async stranded(
    types: string[],
    olderThanMs: number,
    limit: number,
  ): Promise<{ id: string; type: string; attempts: number }[]> {
    if (!types.length) return [];
    const engine = engineOf(this.db.manager);
    const now = isoNow(engine);
    const params = [...types, -Math.round(olderThanMs)];
    const { rows } = await runSql<{ id: string; type: string; attempts: number | string }>(
      this.db.manager,
      `SELECT ${top(engine)}id, type, attempts FROM jobs
       WHERE state = 'queued' AND type IN (${placeholders(types.length)})
         AND "runAt" <= ${isoNowPlus(engine)}
         AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
       ORDER BY "runAt" ${limitClause(engine)}`,
      engine === 'mssql' ? [limit, ...params] : [...params, limit],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, attempts: Number(r.attempts) }));
  }

  /** Jobs of these types that are due now and not leased (for drain and the admin overview). */
  async countDue(types: string[]): Promise<number> {
    if (!types.length) return 0;
    const engine = engineOf(this.db.manager);
    const now = isoNow(engine);
    const { rows } = await runSql<{ n: number | string }>(
      this.db.manager,
      `SELECT COUNT(*) AS n FROM jobs
       WHERE state = 'queued' AND type IN (${placeholders(types.length)}) AND "runAt" <= ${now}
         AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})`,
      types,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Queued jobs and the age of the oldest, for the admin overview; each figure a search of the
   * (state, runAt) index, as in `backlog`.
   */
  async depth(): Promise<{ queued: number; oldest: Date | null; failed: number }> {
    const { rows } = await runSql<{
      queued: number | string;
      oldest: string | null;
      failed: number | string;
    }>(
      this.db.manager,
      `SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued,
              (SELECT MIN("createdAt") FROM jobs WHERE state = 'queued') AS oldest,
              (SELECT COUNT(*) FROM jobs WHERE state = 'failed') AS failed`,
    );
    const row = rows[0];
    return {
      queued: Number(row?.queued ?? 0),
      oldest: row?.oldest ? new Date(row.oldest) : null,
      failed: Number(row?.failed ?? 0),
    };
  }

  /**
   * What waits in the queue and for how long, in one statement (by the database clock). Read at
   * every metrics scrape, so each count is a search of the (state, runAt) index: failed jobs are
   * counted in the index alone, and only queued jobs' rows are read.
   */
  async backlog(): Promise<JobBacklog> {
    const now = isoNow(engineOf(this.db.manager));
    const due = `state = 'queued' AND "runAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})`;
    const { rows } = await runSql<{
      queued: number | string | null;
      due: number | string | null;
      oldestDue: string | null;
      failed: number | string | null;
    }>(
      this.db.manager,
      `SELECT (SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS queued,
              (SELECT COUNT(*) FROM jobs WHERE ${due}) AS due,
              (SELECT MIN("runAt") FROM jobs WHERE ${due}) AS "oldestDue",
              (SELECT COUNT(*) FROM jobs WHERE state = 'failed') AS failed`,
    );
    const row = rows[0];
    return {
      queued: Number(row?.queued ?? 0),
      due: Number(row?.due ?? 0),
      oldestDue: row?.oldestDue ? new Date(row.oldestDue) : null,
      failed: Number(row?.failed ?? 0),
    };
  }
}

/** The queue as its metrics show it (`JobMetrics`). */
export interface JobBacklog {
  /** Jobs waiting, due now or later (a retry's backoff, a delayed fallback). */
  queued: number;
  /** Jobs due now that no worker holds: work waiting for a worker. */
  due: number;
  /** When the oldest of the `due` jobs became due; null when none is. */
  oldestDue: Date | null;
  failed: number;
}

const JOB_COLUMNS = ['id', 'type', 'payload', 'attempts', '"createdAt"', '"leaseOwner"', 'effects'];

function toClaimed(r: JobRow): ClaimedJob {
  return {
    id: r.id,
    type: r.type,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    attempts: Number(r.attempts),
    createdAt: new Date(r.createdAt),
    lease: r.leaseOwner,
    effects: r.effects ? (JSON.parse(r.effects) as string[]) : [],
  };
}
