import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { GroupCommit } from './group-commit';
import { WalCheckpointer } from './wal-checkpointer';
import { WalFlush } from './wal-flush';
import { engineOfSource, type Engine } from './sql.util';

/**
 * Every write goes through `transaction` (or, when it is one statement, `singleStatement`). SQLite
 * (better-sqlite3) has one connection that TypeORM shares between all callers, so two interleaved
 * transactions would nest into each other; here they queue instead, and those that queued together
 * commit together (group commit: one fsync for many). PostgreSQL uses its own pooled transactions.
 */
@Injectable()
export class DatabaseService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('database');
  private readonly group: GroupCommit;
  private readonly checkpointer?: WalCheckpointer;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    const file = this.sqliteFile();
    const wal = file && this.walFlush(file);
    this.checkpointer = file && this.walCheckpointer(file);
    this.group = new GroupCommit(
      (work) => this.dataSource.transaction(work),
      (work) => work(),
      wal
        ? () => {
            this.checkpointer?.noteCommit();
            return wal.flush();
          }
        : undefined,
    );
  }

  /** The database file and its open connection, when this is SQLite on a file. */
  private sqliteFile(): SqliteFile | undefined {
    const { type, database } = this.dataSource.options;
    if (type !== 'better-sqlite3' || typeof database !== 'string' || database === ':memory:')
      return undefined;
    const { databaseConnection } = this.dataSource.driver as unknown as Partial<SqliteFile>;
    return databaseConnection && { path: database, databaseConnection };
  }

  /** SQLite's log is copied back into the database file beside the event loop (WalCheckpointer). */
  private walCheckpointer({ path, databaseConnection }: SqliteFile): WalCheckpointer {
    return new WalCheckpointer(path, {
      pragma: (sql) => databaseConnection.pragma(sql),
      holdCommits: (work) => this.group.runAlone(work),
      warn: (message, error) =>
        this.logger.warn({ err: error instanceof Error ? error.message : error }, message),
    });
  }

  /** Stops the checkpoint worker; its connection closes before the main one does. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }

  /**
   * On a SQLite file: commits stop fsyncing inside COMMIT (synchronous=NORMAL, which blocks the
   * event loop for the whole fsync) and the group commit fsyncs the log from the thread pool
   * instead, answering each transaction only after that (WalFlush). Every write goes through
   * `transaction`, so every answered write is on disk as before.
   */
  private walFlush({ path, databaseConnection }: SqliteFile): WalFlush {
    databaseConnection.pragma('synchronous = NORMAL');
    return new WalFlush(path);
  }

  get engine(): Engine {
    return engineOfSource(this.dataSource);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Runs `work` in one transaction. On PostgreSQL and SQL Server a transaction that the server
   * aborted as a deadlock victim or a serialization failure runs again (it changed nothing), a few
   * times.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'sqlite') return this.group.run(work);
    return this.retryingAborted(() => this.dataSource.transaction(work));
  }

  /**
   * Runs `work`, which must make exactly one statement, as that statement alone. On PostgreSQL it
   * runs without a transaction around it: one statement is atomic and, once answered, as durable
   * as a commit, and the `START TRANSACTION` and `COMMIT` round trips would double its cost (the
   * job queue's claims, lease renewals and completions, several per message). On SQLite it joins
   * the group commit as every write does; on SQL Server, where this has not been measured, it runs
   * in a transaction as before. Work with two statements belongs in `transaction`.
   */
  singleStatement<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine !== 'postgres') return this.transaction(work);
    return this.retryingAborted(() => work(this.dataSource.manager));
  }

  private async retryingAborted<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= 4 || !isRetryable(error)) throw error;
        this.logger.warn({ attempt }, 'transaction aborted by the database; running it again');
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * Makes deleted rows unreadable on disk as far as the engine allows. SQLite keeps the old pages
   * of a committed deletion in the `-wal` file until a checkpoint; `secure_delete` (set at open)
   * zeroes them once they are copied back, and a TRUNCATE checkpoint empties the log. PostgreSQL
   * keeps dead tuples until VACUUM and in its WAL archives; docs/security-model.md says what an
   * operator does there.
   */
  async purgeDeletedPages(): Promise<void> {
    if (this.engine !== 'sqlite') return;
    const truncate = () =>
      this.group.runAlone(async () => {
        const [result] = (await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)')) as {
          busy: number;
        }[];
        if (result?.busy) this.logger.warn('WAL checkpoint was blocked by a reader; it runs again');
      });
    // Not while the worker checkpoints: the two would find each other busy.
    await (this.checkpointer ? this.checkpointer.exclusive(truncate) : truncate());
  }
}

interface SqliteFile {
  path: string;
  databaseConnection: { pragma(sql: string): unknown };
}

/**
 * A transaction the server aborted and that changed nothing: PostgreSQL's deadlock (40P01) and
 * serialization failure (40001); SQL Server's deadlock victim (error 1205), whose driver error
 * carries the number on the error or on its cause.
 */
function isRetryable(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; number?: number } }).driverError;
  const cause = (driverError as { originalError?: { info?: { number?: number } } } | undefined)
    ?.originalError?.info;
  return (
    driverError?.code === '40P01' ||
    driverError?.code === '40001' ||
    driverError?.number === 1205 ||
    cause?.number === 1205
  );
}
