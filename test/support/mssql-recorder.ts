import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';
import { SqlServerQueryRunner } from 'typeorm/driver/sqlserver/SqlServerQueryRunner';
import type { SqlServerDriver } from 'typeorm/driver/sqlserver/SqlServerDriver';
import { dataSourceOptions } from '../../server/src/database/data-source-options';

/** One statement as it would have gone to SQL Server, with its parameters. */
export interface RecordedQuery {
  sql: string;
  params: unknown[];
  /** Inside a transaction that was started on the same query runner. */
  inTransaction: boolean;
}

/** What a statement answers: rows, and how many rows it changed. */
export type Reply = { rows?: Record<string, unknown>[]; affected?: number };

/**
 * TypeORM's own SQL Server query runner with the wire cut: every statement it would send, its own
 * (find, update, insert) and the repositories' (runSql), is recorded and answered by `reply`. The
 * SQL is what TypeORM's mssql driver and Zegel's SQL Server dialect really generate, without a
 * server to run it on.
 */
class RecordingQueryRunner extends SqlServerQueryRunner {
  constructor(
    driver: SqlServerDriver,
    private readonly recorder: MssqlRecorder,
  ) {
    super(driver, 'master');
  }

  override connect(): Promise<void> {
    return Promise.resolve();
  }

  override startTransaction(): Promise<void> {
    this.isTransactionActive = true;
    this.recorder.transactions.push('begin');
    return Promise.resolve();
  }

  override commitTransaction(): Promise<void> {
    this.isTransactionActive = false;
    this.recorder.transactions.push('commit');
    return Promise.resolve();
  }

  override rollbackTransaction(): Promise<void> {
    this.isTransactionActive = false;
    this.recorder.transactions.push('rollback');
    return Promise.resolve();
  }

  override release(): Promise<void> {
    this.isReleased = true;
    return Promise.resolve();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature
  override query(sql: string, params: unknown[] = [], structured = false): Promise<any> {
    this.recorder.queries.push({ sql, params, inTransaction: this.isTransactionActive });
    const reply = this.recorder.reply(sql, params);
    const rows = reply.rows ?? [];
    if (!structured) return Promise.resolve(rows);
    const result = new QueryResult();
    result.records = rows;
    result.raw = rows;
    result.affected = reply.affected ?? rows.length;
    return Promise.resolve(result);
  }
}

export interface MssqlRecorder {
  dataSource: DataSource;
  queries: RecordedQuery[];
  transactions: string[];
  /** Answers each statement; by default no rows and one row changed. */
  reply: (sql: string, params: unknown[]) => Reply;
  /** Forgets what was recorded. */
  clear(): void;
}

/** A data source for `mssql://…` with Zegel's entities whose statements are recorded, not sent. */
export async function mssqlRecorder(): Promise<MssqlRecorder> {
  const dataSource = new DataSource(
    dataSourceOptions({
      database: { type: 'mssql', url: 'mssql://zegel:x@sql.invalid/zegel', migrate: 'auto' },
    }),
  );
  const recorder: MssqlRecorder = {
    dataSource,
    queries: [],
    transactions: [],
    reply: () => ({ affected: 1 }),
    clear() {
      recorder.queries.length = 0;
      recorder.transactions.length = 0;
    },
  };
  const driver = dataSource.driver as SqlServerDriver;
  driver.createQueryRunner = (): SqlServerQueryRunner => new RecordingQueryRunner(driver, recorder);
  // The metadata TypeORM builds at initialize(), without the connection initialize() opens.
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return recorder;
}
