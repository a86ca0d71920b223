import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import type { JobContext } from '../../server/src/queue/job-queue';
import { JobRepository } from '../../server/src/queue/job.repository';
import { JobRunner } from '../../server/src/queue/job-runner';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

const LEASE_MS = 200;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A run whose lease lapsed while another worker took the job over must not write its outcome a
 * second time: `once` skips the effect the first run recorded, and `fenced` commits only for the
 * lease holder. Two runners on one database play the two workers.
 */
describe(`job lease fence (${testDatabaseEngine()})`, () => {
  let database: Awaited<ReturnType<typeof openMigratedDatabase>>;
  let db: DatabaseService;
  let jobs: JobRepository;

  beforeAll(async () => {
    database = await openMigratedDatabase('fence');
    db = database.db;
    jobs = new JobRepository(db);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** A runner whose handler sends once, waits for `pause`, then records its outcome fenced. */
  function runner(
    type: string,
    counts: { sent: number; recorded: string[] },
    pause: () => Promise<void>,
  ) {
    const r = new JobRunner(db, jobs, LEASE_MS);
    r.handlers.set(type, {
      options: {},
      handler: async (_payload: unknown, ctx: JobContext) => {
        await ctx.once('mail', async () => {
          counts.sent++;
        });
        await pause();
        await ctx.fenced(async (tx) => {
          // A write inside the fence: it must exist exactly once when the dust settles.
          await runSql(tx, `UPDATE jobs SET "lastError" = ? WHERE id = ?`, [
            'outcome recorded',
            ctx.id,
          ]);
          counts.recorded.push(ctx.id);
        });
      },
    });
    return r;
  }

  async function lastError(id: string): Promise<string | null> {
    const { rows } = await runSql<{ lastError: string | null }>(
      db.manager,
      `SELECT "lastError" FROM jobs WHERE id = ?`,
      [id],
    );
    return rows[0].lastError;
  }

  async function enqueue(type: string): Promise<string> {
    const id = randomUUID();
    await db.transaction((tx) => jobs.insert(tx, { id, type, payload: {}, delayMs: 0 }));
    return id;
  }

  /**
   * A job of its own type, claimed by a first runner that sends, then stalls in its handler until
   * `release` — past its lease, since no renewer runs here.
   */
  async function stalledFirstRun() {
    const type = `fence-${randomUUID().slice(0, 8)}`;
    const id = await enqueue(type);
    const counts = { sent: 0, recorded: [] as string[] };
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const [claim] = await jobs.claim([type], 1, randomUUID(), LEASE_MS);
    expect(claim?.id).toBe(id);
    const outcome = runner(type, counts, () => stalled).run(claim);
    await sleep(LEASE_MS * 2);
    return { type, id, counts, release, outcome };
  }

  it('records the outcome once when a lapsed run finishes after another worker took over', async () => {
    const { type, id, counts, release, outcome } = await stalledFirstRun();
    const [claimB] = await jobs.claim([type], 1, 'lease-b', LEASE_MS);
    expect(claimB?.id).toBe(id);
    expect(claimB.effects).toEqual(['mail']);
    await expect(runner(type, counts, async () => {}).run(claimB)).resolves.toEqual({
      kind: 'done',
    });
    release();
    await expect(outcome).resolves.toEqual({ kind: 'lost' });
    expect(counts.sent).toBe(1);
    expect(counts.recorded).toEqual([id]);
  });

  it('lets a run whose lease ran out commit while no one else has claimed the job', async () => {
    const type = `fence-${randomUUID().slice(0, 8)}`;
    const id = await enqueue(type);
    const counts = { sent: 0, recorded: [] as string[] };
    const slow = runner(type, counts, () => sleep(LEASE_MS * 2));
    const [claim] = await jobs.claim([type], 1, 'lease-slow', LEASE_MS);
    await expect(slow.run(claim)).resolves.toEqual({ kind: 'done' });
    expect(counts).toEqual({ sent: 1, recorded: [id] });
  });

  it('refuses the fenced write of a run that lost the job before its outcome', async () => {
    const { type, id, counts, release, outcome } = await stalledFirstRun();
    // Another worker claims and is still busy: its lease is live, the first run's is gone.
    const [claimB] = await jobs.claim([type], 1, 'lease-b2', 60_000);
    expect(claimB?.id).toBe(id);
    release();
    await expect(outcome).resolves.toEqual({ kind: 'lost' });
    expect(counts.recorded).toEqual([]);
    expect(await lastError(id)).toBeNull();
  });
});
