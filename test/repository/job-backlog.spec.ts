import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from '../../server/src/database/database.service';
import { JobRepository } from '../../server/src/queue/job.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/** The queue as the metrics report it (`JobRepository.backlog`), by the database clock. */
describe(`job backlog (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let jobs: JobRepository;

  beforeAll(async () => {
    database = await openMigratedDatabase('backlog');
    db = database.db;
    jobs = new JobRepository(db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const enqueue = async (delayMs: number) => {
    const id = randomUUID();
    await db.transaction((tx) => jobs.insert(tx, { id, type: 'backlog', payload: {}, delayMs }));
    return id;
  };

  it('is empty on an empty queue', async () => {
    expect(await jobs.backlog()).toEqual({ queued: 0, due: 0, oldestDue: null, failed: 0 });
  });

  it('counts as due only what is due now and held by no worker; failed jobs apart', async () => {
    const before = Date.now();
    await enqueue(0); // due, waiting for a worker
    await enqueue(60_000); // queued for later
    const held = await enqueue(0);
    expect(await jobs.claimOne(held, 'lease-held', 60_000)).not.toBeNull(); // a worker holds it
    const failing = await enqueue(0);
    expect(await jobs.claimOne(failing, 'lease-failing', 60_000)).not.toBeNull();
    expect(await db.transaction((tx) => jobs.fail(tx, failing, 'lease-failing', 'gave up'))).toBe(
      true,
    );

    const backlog = await jobs.backlog();
    expect(backlog).toMatchObject({ queued: 3, due: 1, failed: 1 });
    // The due job's time, from the database clock: within this test's run.
    expect(backlog.oldestDue!.getTime()).toBeGreaterThanOrEqual(before - 2_000);
    expect(backlog.oldestDue!.getTime()).toBeLessThanOrEqual(Date.now() + 2_000);
  });
});
