import 'reflect-metadata';
import { Queue } from 'bullmq';
import { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import { BullmqJobQueue } from '../../server/src/queue/bullmq-job-queue.service';
import { JobOutboxRepository } from '../../server/src/queue/job-outbox.repository';
import { JobRepository } from '../../server/src/queue/job.repository';
import { RetryLaterError } from '../../server/src/queue/job-types';
import { redisConnection } from '../../server/src/queue/redis-connection';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';
import { dropRedisQueue, TEST_REDIS_URL, testRedisPrefix } from '../support/redis';

jest.setTimeout(30_000);

/** BullMQ on the machine's Redis, fed by the transactional outbox, on the engine under test. */
describe(`BullMQ job queue with a transactional outbox (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let jobs: JobRepository;
  let outbox: JobOutboxRepository;
  let queue: BullmqJobQueue;
  let redis: Queue;
  const prefix = testRedisPrefix();
  /** Side effects as the outside world sees them, by effect id. */
  const effects: string[] = [];
  const runs = new Map<string, number>();
  let failFirst = new Set<string>();

  beforeAll(async () => {
    database = await openMigratedDatabase('bullmq');
    db = database.db;
    jobs = new JobRepository(db);
    outbox = new JobOutboxRepository(db);
    queue = new BullmqJobQueue(db, jobs, outbox, {
      redisUrl: TEST_REDIS_URL,
      prefix,
      leaseMs: 2_000,
      runJobs: true,
    });
    queue.handle(
      'send-lost-code-notice',
      async (payload, ctx) => {
        runs.set(payload.messageId, (runs.get(payload.messageId) ?? 0) + 1);
        await ctx.once('mail', async (id) => {
          effects.push(id);
        });
        if (failFirst.delete(payload.messageId)) throw new RetryLaterError('busy', 100);
      },
      { maxAttempts: 5 },
    );
    queue.onApplicationBootstrap();
    redis = new Queue('jobs', { connection: redisConnection(TEST_REDIS_URL), prefix });
  });

  afterAll(async () => {
    await queue?.beforeApplicationShutdown();
    await redis?.close();
    await dropRedisQueue(prefix);
    await database?.close();
  });

  const enqueue = (messageId: string) =>
    db.transaction((tx) =>
      queue.enqueue(tx, 'send-lost-code-notice', { messageId, recipientId: 'r' }),
    );
  const count = async (table: string) =>
    Number(
      (await runSql<{ n: string }>(db.manager, `SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n,
    );

  it('creates no job when the change it follows rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await queue.enqueue(tx, 'send-lost-code-notice', { messageId: 'rolled', recipientId: 'r' });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await queue.drain();
    expect(await count('jobs')).toBe(0);
    expect(await count('job_outbox')).toBe(0);
    const counts = await redis.getJobCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    expect(runs.has('rolled')).toBe(false);
  });

  it('runs a committed job through Redis once, and empties the outbox', async () => {
    const id = await enqueue('committed');
    await queue.drain();
    expect(runs.get('committed')).toBe(1);
    expect(effects).toContain(`${id}.mail`);
    expect(await count('job_outbox')).toBe(0);
    expect(await redis.getJobCounts('completed')).toEqual({ completed: 1 });
  });

  it('retries through a delayed BullMQ job and keeps the side effect once', async () => {
    failFirst = new Set(['retried']);
    const id = await enqueue('retried');
    const deadline = Date.now() + 10_000;
    while ((runs.get('retried') ?? 0) < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await queue.drain();
    expect(runs.get('retried')).toBe(2);
    expect(effects.filter((e) => e === `${id}.mail`)).toHaveLength(1);
  });

  it('runs a job once when its wake-up reaches Redis twice (a relay repeated after a crash)', async () => {
    // Park the relay's own add, so the two wake-ups below race for the same row.
    const id = await db.transaction(async (tx) => {
      const jobId = await queue.enqueue(tx, 'send-lost-code-notice', {
        messageId: 'twice',
        recipientId: 'r',
      });
      await runSql(tx, `DELETE FROM job_outbox WHERE "jobId" = ?`, [jobId]);
      return jobId;
    });
    await Promise.all([
      redis.add('send-lost-code-notice', { jobId: id }, { jobId: `${id}-a` }),
      redis.add('send-lost-code-notice', { jobId: id }, { jobId: `${id}-b` }),
      redis.add('send-lost-code-notice', { jobId: id }, { jobId: `${id}-a` }),
    ]);
    await queue.drain();
    expect(runs.get('twice')).toBe(1);
    expect(effects.filter((e) => e === `${id}.mail`)).toHaveLength(1);
    expect(await count('jobs')).toBe(0);
  });

  it('relays but runs nothing on an instance with ZEGEL_RUN_JOBS=false; a running one runs the job', async () => {
    const intakeOnly = new BullmqJobQueue(db, jobs, outbox, {
      redisUrl: TEST_REDIS_URL,
      prefix,
      leaseMs: 2_000,
      runJobs: false,
    });
    const ranThere: string[] = [];
    intakeOnly.handle(
      'send-lost-code-notice',
      async (payload) => void ranThere.push(payload.messageId),
      { maxAttempts: 5 },
    );
    const workersBefore = await redis.getWorkersCount();
    intakeOnly.onApplicationBootstrap();
    try {
      const id = await db.transaction((tx) =>
        intakeOnly.enqueue(tx, 'send-lost-code-notice', { messageId: 'split', recipientId: 'r' }),
      );
      await queue.drain();
      expect(runs.get('split')).toBe(1);
      expect(effects).toContain(`${id}.mail`);
      expect(ranThere).toEqual([]);
      // No worker of its own on the queue, which BullMQ would otherwise hand jobs to.
      expect(await redis.getWorkersCount()).toBe(workersBefore);
      await expect(intakeOnly.drain(100)).rejects.toThrow('runs no jobs');
    } finally {
      await intakeOnly.beforeApplicationShutdown();
    }
  });

  it('relays a committed outbox row again under the same id when the first relay died', async () => {
    await queue.beforeApplicationShutdown();
    // A relay that added to Redis and died before deleting its rows: the next adds the same id.
    const id = await enqueue('relayed-twice');
    const added: string[] = [];
    const relayOnce = () =>
      outbox.relay(10, async (entries) => {
        await redis.addBulk(
          entries.map((e) => ({
            name: e.type,
            data: { jobId: e.jobId },
            opts: { jobId: e.id },
          })),
        );
        added.push(...entries.map((e) => e.id));
      });
    await expect(
      outbox.relay(10, async (entries) => {
        await redis.addBulk(
          entries.map((e) => ({ name: e.type, data: { jobId: e.jobId }, opts: { jobId: e.id } })),
        );
        throw new Error('killed before the delete');
      }),
    ).rejects.toThrow('killed before the delete');
    expect(await count('job_outbox')).toBe(1);
    await relayOnce();
    expect(added).toHaveLength(1);
    expect(await count('job_outbox')).toBe(0);
    expect(await redis.getJobCounts('wait')).toEqual({ wait: 1 });
    expect((await redis.getJob(added[0]))?.data).toEqual({ jobId: id });
  });
});
