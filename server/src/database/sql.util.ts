import type { DataSource, EntityManager, InsertQueryBuilder, ObjectLiteral } from 'typeorm';
import { mssqlIsoNow, mssqlIsoNowPlus } from './mssql/mssql-dialect';

/** The engines Zegel's repositories write SQL for. */
export type Engine = 'sqlite' | 'postgres' | 'mssql';

export function engineOfSource(source: DataSource): Engine {
  const type = source.options.type;
  return type === 'postgres' ? 'postgres' : type === 'mssql' ? 'mssql' : 'sqlite';
}

export function engineOf(manager: EntityManager): Engine {
  return engineOfSource(manager.connection);
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
  // PostgreSQL numbers its placeholders from $1, TypeORM's mssql driver from @0.
  const text =
    engine === 'postgres'
      ? sql.replace(/\?/g, () => `$${++n}`)
      : engine === 'mssql'
        ? sql.replace(/\?/g, () => `@${n++}`)
        : sql;
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
  if (engine === 'mssql') return mssqlIsoNowPlus();
  return engine === 'postgres'
    ? `to_char((clock_timestamp() + (?::bigint * interval '1 millisecond')) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', (? / 1000.0) || ' seconds')`;
}

/** `isoNowPlus` with no offset. */
export const isoNow = (engine: Engine): string =>
  engine === 'mssql'
    ? mssqlIsoNow()
    : engine === 'postgres'
      ? `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * The first `n` rows of a query, for the engines that say it differently: `top(engine)` goes after
 * SELECT (`TOP (?)` on SQL Server) and `limit(engine)` at the end (`LIMIT ?` elsewhere); both take
 * the row count as a placeholder at their own position.
 */
export const top = (engine: Engine): string => (engine === 'mssql' ? 'TOP (?) ' : '');
export const limit = (engine: Engine): string => (engine === 'mssql' ? '' : 'LIMIT ?');

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * The changed rows back from INSERT, UPDATE or DELETE: `output(engine, cols)` goes where SQL Server
 * wants `OUTPUT INSERTED.…` (after SET, before WHERE or VALUES) and `returning(engine, cols)` at the
 * end, where PostgreSQL and SQLite say `RETURNING …`; each is empty on the other engines.
 */
export const output = (
  engine: Engine,
  columns: string[],
  row: 'INSERTED' | 'DELETED' = 'INSERTED',
) => (engine === 'mssql' ? `OUTPUT ${columns.map((c) => `${row}.${c}`).join(', ')}` : '');
export const returning = (engine: Engine, columns: string[]): string =>
  engine === 'mssql' ? '' : `RETURNING ${columns.join(', ')}`;

/**
 * Runs an insert with `orIgnore()` or `orUpdate()` and returns how many rows it wrote (the other
 * engines: the identifiers TypeORM reports). On SQL Server TypeORM writes these as MERGE, which
 * without HOLDLOCK lets two concurrent first writes of one key both take the INSERT branch and one
 * fail on the primary key; the hint makes the second wait and then match.
 */
export async function executeUpsert(
  manager: EntityManager,
  query: InsertQueryBuilder<ObjectLiteral>,
): Promise<number> {
  if (engineOf(manager) !== 'mssql') {
    const result = await query.execute();
    return result.identifiers.filter(Boolean).length;
  }
  const [sql, params] = query.getQueryAndParameters();
  if (!/^MERGE INTO "[^"]+"/.test(sql)) throw new Error(`not a MERGE: ${sql.slice(0, 60)}`);
  const merge = sql.replace(/^MERGE INTO ("[^"]+")/, 'MERGE INTO $1 WITH (HOLDLOCK)');
  return (await runSql(manager, merge, params)).affected;
}
