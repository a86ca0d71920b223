import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { JobHandler, JobHandlerOptions, JobQueue } from './job-queue';
import { JobOutboxRepository, OutboxEntry } from './job-outbox.repository';
import { JobRepository } from './job.repository';
import { JobRunner, Registration } from './job-runner';
import { JobPayloads, JobType } from './job-types';
import { redisConnection } from './redis-connection';

const QUEUE_NAME = 'jobs';
const RELAY_POLL_MS = 250;
const RELAY_BATCH = 100;
/** Jobs one process runs at once, as with the database queue. */
const CONCURRENCY = 32;
/** A due job with no lease this long is presumed lost from Redis (a restart without persistence). */
const STRANDED_MS = 120_000;
const RECONCILE_MS = 60_000;

/** What a BullMQ job carries: only the id of the job row, which stays the truth. */
interface WakeUp {
  jobId: string;
}

export interface BullmqSettings {
  redisUrl: string;
  prefix: string;
  leaseMs: number;
  /** False on an instance that only enqueues (ZEGEL_RUN_JOBS=false): it relays but runs nothing. */
  runJobs: boolean;
}

/**
 * Jobs woken through BullMQ on Redis. The job row (payload, lease, side-effect ledger) stays in the
 * database; `enqueue` writes it together with an outbox row inside the caller's transaction, and a
 * relay on every instance moves committed outbox rows into BullMQ. A worker that BullMQ hands a
 * job leases its row exactly as the database queue does, so a BullMQ job delivered twice (a stall,
 * a relay repeated after a crash) runs the handler once at a time and each side effect once.
 */
@Injectable()
export class BullmqJobQueue
  extends JobQueue
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('jobs');
  private readonly runner: JobRunner;
  private queue?: Queue<WakeUp>;
  private worker?: Worker<WakeUp>;
  private relayTimer?: NodeJS.Timeout;
  private reconcileTimer?: NodeJS.Timeout;
  private relaying: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private active = 0;

  constructor(
    db: DatabaseService,
    private readonly jobs: JobRepository,
    private readonly outbox: JobOutboxRepository,
    private readonly settings: BullmqSettings,
  ) {
    super();
    this.runner = new JobRunner(db, jobs, settings.leaseMs);
  }

  async enqueue<T extends JobType>(
    manager: EntityManager,
    type: T,
    payload: JobPayloads[T],
    options: { delayMs?: number } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.jobs.insert(manager, { id, type, payload, delayMs: options.delayMs ?? 0 });
    await this.outbox.insert(manager, { id: randomUUID(), jobId: id });
    return id;
  }

  handle<T extends JobType>(type: T, handler: JobHandler<T>, options: JobHandlerOptions<T>): void {
    this.runner.handlers.set(type, { handler, options } as unknown as Registration);
  }

  onApplicationBootstrap(): void {
    const connection = redisConnection(this.settings.redisUrl);
    const prefix = this.settings.prefix;
    this.queue = new Queue<WakeUp>(QUEUE_NAME, { connection, prefix });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'redis (queue)'));
    this.relayTimer = setInterval(() => this.poke(), RELAY_POLL_MS);
    this.relayTimer.unref();
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_MS);
    this.reconcileTimer.unref();
    this.poke();
    if (!this.settings.runJobs) {
      this.logger.log('this instance runs no jobs (ZEGEL_RUN_JOBS=false): another must run them');
      return;
    }
    this.worker = new Worker<WakeUp>(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection,
      prefix,
      concurrency: CONCURRENCY,
      // BullMQ's lock plays the part of the lease: a killed worker's jobs go back to waiting
      // after about one lease, and the row's own lease fences whatever the old worker still does.
      lockDuration: this.settings.leaseMs,
      stalledInterval: this.settings.leaseMs,
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      settings: { backoffStrategy: (made: number) => Math.min(60_000, 500 * 2 ** made) },
    });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'redis (worker)'));
    this.runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.relayTimer) clearInterval(this.relayTimer);
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.relaying;
    await this.worker?.close();
    this.runner.stop();
    await this.queue?.close();
  }

  /** Runs the relay now instead of at its next poll. */
  poke(): void {
    if (this.stopped || !this.queue) return;
    if (this.relaying) {
      this.again = true;
      return;
    }
    this.relaying = this.relay()
      .catch((error: unknown) =>
        this.logger.warn({ err: (error as Error).message }, 'outbox relay failed'),
      )
      .finally(() => {
        this.relaying = null;
      });
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    if (!this.settings.runJobs)
      throw new Error('this instance runs no jobs (ZEGEL_RUN_JOBS=false)');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.relaying;
      const [outbox, due, counts] = await Promise.all([
        this.outbox.count(),
        this.jobs.countDue(this.runner.types),
        this.queue!.getJobCounts('wait', 'active', 'prioritized'),
      ]);
      const queued = counts.wait + counts.active + counts.prioritized;
      if (!outbox && !due && !queued && !this.active) return;
      this.poke();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('job queue did not drain in time');
  }

  private async relay(): Promise<void> {
    do {
      this.again = false;
      const moved = await this.outbox.relay(RELAY_BATCH, (entries) => this.add(entries));
      if (moved === RELAY_BATCH) this.again = true;
    } while (this.again && !this.stopped);
  }

  private async add(entries: OutboxEntry[], idOf = (e: OutboxEntry) => e.id): Promise<void> {
    await this.queue!.addBulk(
      entries.map((e) => ({
        name: e.type,
        data: { jobId: e.jobId },
        opts: {
          // The same id twice is one BullMQ job: a relay repeated after a crash adds nothing.
          jobId: idOf(e),
          delay: e.delayMs,
          // Attempts here cover only bookkeeping failures (the database unreachable); the job's
          // own retries are the row's, moved back to delayed below.
          attempts: 1_000,
          backoff: { type: 'custom' },
          removeOnComplete: { age: 24 * 3600, count: 100_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Re-adds a wake-up for rows due for a while that nobody holds: their BullMQ job was lost (Redis
   * restarted without its data). A wake-up that was not lost after all only finds the row leased or
   * gone, so this never runs a job twice.
   */
  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    try {
      const stranded = await this.jobs.stranded(this.runner.types, STRANDED_MS, RELAY_BATCH);
      if (!stranded.length) return;
      await this.add(
        stranded.map((s) => ({ id: s.id, jobId: s.id, type: s.type, delayMs: 0 })),
        (e) => `${e.jobId}-r${stranded.find((s) => s.id === e.jobId)!.attempts}`,
      );
      this.logger.warn({ jobs: stranded.length }, 'woke jobs missing from redis');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'reconcile failed');
    }
  }

  private async process(job: Job<WakeUp>, token?: string): Promise<void> {
    this.active++;
    try {
      const lease = randomUUID();
      const known = this.runner.handlers.has(job.name);
      const claim = known
        ? await this.jobs.claimOne(job.data.jobId, lease, this.runner.leaseMs)
        : ({ kind: 'wait', ms: 5_000 } as const);
      if (claim.kind === 'gone') return;
      if (claim.kind === 'wait') return await this.later(job, token, claim.ms);
      const outcome = await this.runner.run(claim.job);
      if (outcome.kind === 'retry') return await this.later(job, token, outcome.delayMs);
    } finally {
      this.active--;
    }
  }

  /** Puts the BullMQ job back as delayed: the row is not due yet or another worker holds it. */
  private async later(job: Job<WakeUp>, token: string | undefined, ms: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, ms), token);
    throw new DelayedError();
  }
}
