import { mssqlIsoNow, mssqlIsoNowPlus, mssqlPlaceholders } from './mssql-dialect';

/**
 * The job queue's claim on SQL Server: `UPDLOCK, READPAST` where PostgreSQL says `FOR UPDATE SKIP
 * LOCKED` (workers skip rows another claim holds instead of waiting), `TOP` for `LIMIT`, and
 * `OUTPUT INSERTED` for `RETURNING`. Parameters: lease, leaseMs, …types, limit — the same order as
 * the PostgreSQL statement, with `limit` moved to the front for TOP.
 */
export function mssqlClaimJobs(typeCount: number): { sql: string; order: string } {
  const now = mssqlIsoNow();
  const types = Array.from({ length: typeCount }, () => '?').join(', ');
  const sql = `WITH due AS (
  SELECT TOP (?) * FROM jobs WITH (UPDLOCK, READPAST, ROWLOCK)
  WHERE state = 'queued' AND type IN (${types}) AND "runAt" <= ${now}
    AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
  ORDER BY "runAt")
UPDATE due SET "leaseOwner" = ?, "leaseUntil" = ${mssqlIsoNowPlus()}, attempts = attempts + 1
OUTPUT INSERTED.id, INSERTED.type, INSERTED.payload, INSERTED.attempts, INSERTED."createdAt",
  INSERTED."leaseOwner", INSERTED.effects`;
  return { sql: mssqlPlaceholders(sql), order: 'limit, ...types, lease, leaseMs' };
}

/** The outbox relay's read on SQL Server (READPAST: relays on several instances take different rows). */
export function mssqlTakeOutbox(): string {
  return mssqlPlaceholders(`SELECT TOP (?) o.id, o."jobId", j.type, j."runAt", ${mssqlIsoNow()} AS now
FROM job_outbox o WITH (UPDLOCK, READPAST, ROWLOCK) LEFT JOIN jobs j ON j.id = o."jobId"
ORDER BY o."createdAt"`);
}
