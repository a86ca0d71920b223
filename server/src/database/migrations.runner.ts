import { Logger } from '@nestjs/common';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { mssqlAppLock, mssqlPlaceholders } from './mssql/mssql-dialect';

export type MigrationMode = 'auto' | 'wait';

const logger = new Logger('migrations');
const WAIT_LIMIT_MS = 15 * 60_000;
/** A SQLite migration lock file older than this was left by a process that died. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Brings the schema up to date once, however many instances start at the same moment. `auto`: the
 * first instance to take the lock migrates, the others wait for the lock and then find nothing to
 * do. `wait`: this instance never migrates (an operator runs `npx zegel migrate` as a release step)
 * and waits until the schema is current.
 */
export async function migrate(dataSource: DataSource, mode: MigrationMode): Promise<void> {
  if (mode === 'wait') return waitForSchema(dataSource);
  await underMigrationLock(dataSource, async () => {
    const done = await dataSource.runMigrations({ transaction: 'each' });
    if (done.length) logger.log(`applied ${done.map((m) => m.name).join(', ')}`);
  });
}

async function waitForSchema(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let said = false;
  while (await dataSource.showMigrations()) {
    if (Date.now() > deadline)
      throw new Error('the database schema is out of date; run `npx zegel migrate`');
    if (!said) logger.warn('waiting for `npx zegel migrate` to bring the schema up to date');
    said = true;
    await sleep(1000);
  }
}

async function underMigrationLock(dataSource: DataSource, work: () => Promise<void>) {
  if (dataSource.options.type === 'mssql') {
    // A transaction-owned application lock on a connection of its own (see mssqlAppLock); the
    // migrations themselves run on other connections, each in its own transaction.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const [{ result }] = (await runner.query(mssqlPlaceholders(mssqlAppLock()), [
          'zegel:migrations',
          WAIT_LIMIT_MS,
        ])) as { result: number }[];
        if (result < 0)
          throw new Error(`could not take the migration lock (sp_getapplock ${result})`);
        await work();
      } finally {
        await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
    return;
  }
  if (dataSource.options.type === 'postgres') {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      // Blocks until the instance migrating now has finished; then there is nothing left to do.
      await runner.query(`SELECT pg_advisory_lock(hashtext('zegel:migrations'))`);
      try {
        await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('zegel:migrations'))`);
      }
    } finally {
      await runner.release();
    }
    return;
  }
  const file = `${String(dataSource.options.database)}.migrate-lock`;
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(file, { force: true });
      if (Date.now() > deadline)
        throw new Error(`could not take ${file}; remove it if no Zegel is starting`);
      await sleep(100);
    }
  }
  try {
    await work();
  } finally {
    rmSync(file, { force: true });
  }
}
