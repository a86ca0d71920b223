import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from './database.service';
import { mssqlAppLock, mssqlPlaceholders } from './mssql/mssql-dialect';
import { isoNow, isoNowPlus, runSql } from './sql.util';

/** How long a SQLite leader lease lasts if its holder dies without giving it back. */
const LEASE_MS = 10 * 60_000;

/**
 * Runs work on one instance at a time (the retention sweep, say). PostgreSQL: a session advisory
 * lock, taken without waiting, held on its own connection while the work runs and gone the moment
 * that connection dies. SQL Server: `sp_getapplock`, likewise. SQLite: a lease row in `leader_locks`, taken by a conditional upsert.
 */
@Injectable()
export class LeaderLock {
  private readonly owner = randomUUID();

  constructor(private readonly db: DatabaseService) {}

  /** Runs `work` if this instance gets the lock now; returns false when another holds it. */
  async runAsLeader(name: string, work: () => Promise<void>): Promise<boolean> {
    if (this.db.engine === 'mssql') return this.appLock(name, work);
    return this.db.engine === 'postgres' ? this.advisory(name, work) : this.lease(name, work);
  }

  /**
   * SQL Server: `sp_getapplock` without waiting, owned by a transaction that does nothing else and
   * stays open on its own connection while the work runs; the rollback (or the connection's death)
   * gives the lock back.
   */
  private async appLock(name: string, work: () => Promise<void>): Promise<boolean> {
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const [{ result }] = (await runner.query(mssqlPlaceholders(mssqlAppLock()), [
          `zegel:${name}`,
          0,
        ])) as { result: number }[];
        if (result < 0) return false;
        await work();
        return true;
      } finally {
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }

  private async advisory(name: string, work: () => Promise<void>): Promise<boolean> {
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`zegel:${name}`],
      )) as { locked: boolean }[];
      if (!locked) return false;
      try {
        await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`zegel:${name}`]);
      }
      return true;
    } finally {
      await runner.release();
    }
  }

  private async lease(name: string, work: () => Promise<void>): Promise<boolean> {
    const taken = await this.db.transaction(async (tx) => {
      const r = await runSql(
        tx,
        `INSERT INTO leader_locks (name, owner, until) VALUES (?, ?, ${isoNowPlus('sqlite')})
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
         WHERE leader_locks.until < ${isoNow('sqlite')} OR leader_locks.owner = excluded.owner`,
        [name, this.owner, LEASE_MS],
      );
      return r.affected === 1;
    });
    if (!taken) return false;
    try {
      await work();
    } finally {
      await this.db.transaction((tx) =>
        runSql(tx, `UPDATE leader_locks SET until = ? WHERE name = ? AND owner = ?`, [
          new Date(0).toISOString(),
          name,
          this.owner,
        ]),
      );
    }
    return true;
  }
}
