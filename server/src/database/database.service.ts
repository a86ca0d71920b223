import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Engine } from './sql.util';

/**
 * Every write goes through `transaction`. SQLite (better-sqlite3) has one connection that TypeORM
 * shares between all callers, so two interleaved transactions would nest into each other; here they
 * queue instead. PostgreSQL uses its own pooled transactions.
 */
@Injectable()
export class DatabaseService {
  private readonly logger = new Logger('database');
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  get engine(): Engine {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine === 'postgres') return this.dataSource.transaction(work);
    return this.serial(() => this.dataSource.transaction(work));
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
    await this.serial(async () => {
      const [result] = (await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)')) as {
        busy: number;
      }[];
      if (result?.busy) this.logger.warn('WAL checkpoint was blocked by a reader; it runs again');
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
