import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import { JobRepository } from '../../server/src/queue/job.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/** `DatabaseService.singleStatement`: one write, without a transaction around it where it can. */
describe(`single-statement writes (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let jobs: JobRepository;

  beforeAll(async () => {
    database = await openMigratedDatabase('single');
    db = database.db;
    jobs = new JobRepository(db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const exists = async (id: string) =>
    (await runSql(db.manager, 'SELECT id FROM jobs WHERE id = ?', [id])).rows.length === 1;

  it('commits its write at once, apart from a transaction that runs at the same time and rolls back', async () => {
    const rolledBack = randomUUID();
    const alone = randomUUID();
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.transaction(async (tx) => {
      await jobs.insert(tx, { id: rolledBack, type: 'single', payload: {}, delayMs: 0 });
      inside();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('rolled back');
    });
    await started;
    // On SQLite's one shared connection this would land inside the open transaction and be rolled
    // back with it, if it did not queue behind it as every write does.
    const written = db.singleStatement((m) =>
      jobs.insert(m, { id: alone, type: 'single', payload: {}, delayMs: 0 }),
    );
    await expect(failing).rejects.toThrow('rolled back');
    await written;
    expect(await exists(alone)).toBe(true);
    expect(await exists(rolledBack)).toBe(false);
  });

  it('claims, renews and completes a job with one statement each', async () => {
    const id = randomUUID();
    await db.transaction((tx) =>
      jobs.insert(tx, { id, type: 'single-claim', payload: {}, delayMs: 0 }),
    );
    const [job] = await jobs.claim(['single-claim'], 5, 'lease-a', 60_000);
    expect(job?.id).toBe(id);
    expect(await jobs.claim(['single-claim'], 5, 'lease-b', 60_000)).toEqual([]);
    expect(await jobs.renew([{ id, lease: 'lease-b' }], 60_000)).toEqual(new Set());
    expect(await jobs.renew([{ id, lease: 'lease-a' }], 60_000)).toEqual(new Set([id]));
    expect(await db.singleStatement((m) => jobs.complete(m, id, 'lease-b'))).toBe(false);
    expect(await db.singleStatement((m) => jobs.complete(m, id, 'lease-a'))).toBe(true);
    expect(await exists(id)).toBe(false);
  });

  if (testDatabaseEngine() === 'postgres') {
    // The statement is its own transaction: it started when the statement did. Inside
    // `transaction` it started earlier, with START TRANSACTION's own round trip.
    const ownTransaction = 'SELECT transaction_timestamp() = statement_timestamp() AS alone';

    it('runs without START TRANSACTION and COMMIT around it on PostgreSQL', async () => {
      const alone = await db.singleStatement((m) => runSql<{ alone: boolean }>(m, ownTransaction));
      expect(alone.rows[0].alone).toBe(true);
      const wrapped = await db.transaction((tx) => runSql<{ alone: boolean }>(tx, ownTransaction));
      expect(wrapped.rows[0].alone).toBe(false);
    });
  }
});
