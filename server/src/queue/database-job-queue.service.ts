import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { JobContext, JobHandler, JobHandlerOptions, JobQueue, LeaseLostError } from './job-queue';
import { ClaimedJob, JobRepository } from './job.repository';
import {
  JobPayloads,
  JobType,
  PermanentJobError,
  RetryLaterError,
  retryDelayMs,
} from './job-types';

const POLL_MS = 1_000;
const BATCH = 8;
/** Jobs one process runs at once; a stalled MX holds one slot, not the queue. */
const CONCURRENCY = 32;

interface Registration {
  handler: JobHandler<JobType>;
  options: JobHandlerOptions<JobType>;
}

/**
 * Jobs in the database. Several instances share one table: a claim leases jobs in one statement,
 * leases are renewed while a handler runs, and every write after the claim is fenced by the lease,
 * so a worker whose lease lapsed (a paused or partitioned process) changes nothing.
 */
@Injectable()
export class DatabaseJobQueue
  extends JobQueue
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('jobs');
  private readonly handlers = new Map<string, Registration>();
  private timer?: NodeJS.Timeout;
  private renewer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private readonly active = new Set<Promise<void>>();
  /** Jobs this worker runs now, by id; renewed together, and dropped when their lease is lost. */
  private readonly held = new Map<string, ClaimedJob>();
  private again = false;
  private stopped = false;
  private readonly leaseMs: number;

  constructor(
    private readonly db: DatabaseService,
    private readonly jobs: JobRepository,
    config: ZegelConfig,
  ) {
    super();
    this.leaseMs = config.delivery.jobLeaseMs;
  }

  async enqueue<T extends JobType>(
    manager: EntityManager,
    type: T,
    payload: JobPayloads[T],
    options: { delayMs?: number } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.jobs.insert(manager, { id, type, payload, delayMs: options.delayMs ?? 0 });
    return id;
  }

  handle<T extends JobType>(type: T, handler: JobHandler<T>, options: JobHandlerOptions<T>): void {
    this.handlers.set(type, { handler, options } as unknown as Registration);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    // Leases are renewed while handlers run, so a short lease only bounds how long a crashed
    // worker's jobs wait, never a slow job's chance to finish.
    this.renewer = setInterval(() => void this.renewLeases(), Math.max(500, this.leaseMs / 3));
    this.renewer.unref();
    this.poke();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.renewer) clearInterval(this.renewer);
    await this.running;
    await Promise.all([...this.active]);
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((error: unknown) =>
        this.logger.error({ err: (error as Error).message }, 'claiming jobs failed'),
      )
      .finally(() => {
        this.running = null;
      });
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.running;
      const due = await this.jobs.countDue([...this.handlers.keys()]);
      if (!due && !this.running && !this.active.size) return;
      this.poke();
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('job queue did not drain in time');
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const room = Math.min(BATCH, CONCURRENCY - this.active.size);
      if (room <= 0) return;
      const claimed = await this.jobs.claim(
        [...this.handlers.keys()],
        room,
        randomUUID(),
        this.leaseMs,
      );
      // Claimed jobs run side by side and the loop goes on claiming: a slow MX must not hold up
      // every other delivery. A finished job looks for the next.
      for (const job of claimed) {
        const running: Promise<void> = this.run(job)
          .catch((error: unknown) =>
            this.logger.error(
              { job: job.id, err: (error as Error).message },
              'job bookkeeping failed',
            ),
          )
          .finally(() => {
            this.active.delete(running);
            this.poke();
          });
        this.active.add(running);
      }
      if (claimed.length === room) this.again = true;
    } while (this.again && !this.stopped);
  }

  private async renewLeases(): Promise<void> {
    const jobs = [...this.held.values()];
    if (!jobs.length) return;
    try {
      const still = await this.jobs.renew(jobs, this.leaseMs);
      for (const job of jobs) {
        if (still.has(job.id) || !this.held.has(job.id)) continue;
        this.held.delete(job.id);
        this.logger.warn({ job: job.id }, 'lease lost while running');
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'lease renewal failed');
    }
  }

  private context(job: ClaimedJob): JobContext {
    const done = new Set(job.effects);
    return {
      id: job.id,
      attempts: job.attempts,
      createdAt: job.createdAt,
      once: async (effect, run, record) => {
        if (done.has(effect)) return;
        // Hold the lease afresh right before the effect, so no other worker can have taken the job.
        const held =
          this.held.has(job.id) && (await this.jobs.renew([job], this.leaseMs)).has(job.id);
        if (!held) throw new LeaseLostError(job.id);
        await run(`${job.id}.${effect}`);
        done.add(effect);
        await this.db.transaction(async (tx) => {
          if (!(await this.jobs.recordEffects(tx, job.id, job.lease, [...done]))) {
            throw new LeaseLostError(job.id);
          }
          await record?.(tx);
        });
      },
    };
  }

  private async run(job: ClaimedJob): Promise<void> {
    const registration = this.handlers.get(job.type)!;
    const { maxAttempts, maxAgeMs, retryDelayMs: delay = retryDelayMs } = registration.options;
    this.held.set(job.id, job);
    try {
      await registration.handler(job.payload as never, this.context(job));
      this.held.delete(job.id);
      const won = await this.db.transaction((tx) => this.jobs.complete(tx, job.id, job.lease));
      if (!won) this.logger.warn({ job: job.id }, 'finished a job whose lease had lapsed');
    } catch (caught) {
      this.held.delete(job.id);
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof LeaseLostError) {
        this.logger.warn({ job: job.id }, error.message);
        return;
      }
      const permanent = error instanceof PermanentJobError;
      const exhausted =
        (maxAttempts !== undefined && job.attempts >= maxAttempts) ||
        (maxAgeMs !== undefined && Date.now() - job.createdAt.getTime() >= maxAgeMs);
      this.logger.warn(
        { job: job.id, type: job.type, attempts: job.attempts, err: error.message },
        'job failed',
      );
      if (permanent || exhausted) {
        await this.db.transaction(async (tx) => {
          if (!(await this.jobs.fail(tx, job.id, job.lease, error.message))) return;
          await registration.options.onGiveUp?.(job.payload as never, error, tx);
        });
        this.poke();
      } else {
        const wait = error instanceof RetryLaterError ? error.retryAfterMs : delay(job.attempts);
        await this.jobs.retry(job.id, job.lease, wait, error.message);
      }
    }
  }
}
