import type { EntityManager } from 'typeorm';

/** The engines Zegel's repositories write SQL for. */
export type Engine = 'sqlite' | 'postgres';

export function engineOf(manager: EntityManager): Engine {
  return manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

export interface SqlResult<T> {
  rows: T[];
  /** Rows changed by INSERT/UPDATE/DELETE; for statements with RETURNING, the rows returned. */
  affected: number;
}

/**
 * Runs one statement written with `?` placeholders on either engine and returns rows and the
 * affected count the same way. TypeORM's query builder cannot express `ON CONFLICT … DO UPDATE SET
 * x = CASE …` or `FOR UPDATE SKIP LOCKED` inside a sub-select, so the repositories that need them
 * write SQL and run it here. No `?` may appear in the SQL other than as a placeholder.
 */
export async function runSql<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<SqlResult<T>> {
  const engine = engineOf(manager);
  let n = 0;
  const text = engine === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  const own = manager.queryRunner ? undefined : manager.connection.createQueryRunner();
  const runner = manager.queryRunner ?? own!;
  try {
    const result = await runner.query(text, params, true);
    const rows = (Array.isArray(result.records) ? result.records : []) as T[];
    return { rows, affected: result.affected ?? rows.length };
  } finally {
    await own?.release();
  }
}

/**
 * The database clock as the fixed-width ISO 8601 text every timestamp column holds, plus an offset
 * in milliseconds given as a placeholder. Leases and due times come from here, so several instances
 * with skewed clocks still agree on who holds a job.
 */
export function isoNowPlus(engine: Engine): string {
  return engine === 'postgres'
    ? `to_char((clock_timestamp() + (?::bigint * interval '1 millisecond')) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', (? / 1000.0) || ' seconds')`;
}

/** `isoNowPlus` with no offset. */
export const isoNow = (engine: Engine): string =>
  engine === 'postgres'
    ? `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
