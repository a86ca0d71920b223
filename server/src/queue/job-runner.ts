import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { JobContext, JobHandler, JobHandlerOptions, LeaseLostError } from './job-queue';
import { ClaimedJob, JobRepository } from './job.repository';
import { JobType, PermanentJobError, RetryLaterError, retryDelayMs } from './job-types';

export interface Registration {
  handler: JobHandler<JobType>;
  options: JobHandlerOptions<JobType>;
}

/** What became of one run: the job row is gone, waits for a later attempt, failed, or another worker has it. */
export type RunOutcome =
  { kind: 'done' } | { kind: 'retry'; delayMs: number } | { kind: 'failed' } | { kind: 'lost' };

/**
 * Runs claimed jobs the same way whichever transport woke the worker (the database poll or
 * BullMQ): leases are renewed while a handler runs, `once` records side effects in the job row, and
 * every write after the claim is fenced by the lease, so a worker whose lease lapsed changes nothing.
 */
export class JobRunner {
  private readonly logger = new Logger('jobs');
  readonly handlers = new Map<string, Registration>();
  /** Jobs this worker runs now, by id; renewed together, and dropped when their lease is lost. */
  private readonly held = new Map<string, ClaimedJob>();
  private renewer?: NodeJS.Timeout;

  constructor(
    private readonly db: DatabaseService,
    private readonly jobs: JobRepository,
    readonly leaseMs: number,
  ) {}

  start(): void {
    // Leases are renewed while handlers run, so a short lease only bounds how long a crashed
    // worker's jobs wait, never a slow job's chance to finish.
    this.renewer = setInterval(() => void this.renewLeases(), Math.max(500, this.leaseMs / 3));
    this.renewer.unref();
  }

  stop(): void {
    if (this.renewer) clearInterval(this.renewer);
  }

  get types(): string[] {
    return [...this.handlers.keys()];
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
    // The conditional write of the effect ledger is the fence: it holds the job row, so a claim by
    // another worker either comes first (and this write loses) or waits until this commit.
    const fenced = <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> =>
      this.db.transaction(async (tx) => {
        if (!(await this.jobs.recordEffects(tx, job.id, job.lease, [...done]))) {
          throw new LeaseLostError(job.id);
        }
        return work(tx);
      });
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
        await fenced(async (tx) => record?.(tx));
      },
      fenced,
    };
  }

  /** Runs one claimed job to its outcome and writes that outcome under the claim's lease. */
  async run(job: ClaimedJob): Promise<RunOutcome> {
    const registration = this.handlers.get(job.type)!;
    const { maxAttempts, maxAgeMs, retryDelayMs: delay = retryDelayMs } = registration.options;
    this.held.set(job.id, job);
    try {
      await registration.handler(job.payload as never, this.context(job));
      this.held.delete(job.id);
      const won = await this.db.singleStatement((m) => this.jobs.complete(m, job.id, job.lease));
      if (!won) this.logger.warn({ job: job.id }, 'finished a job whose lease had lapsed');
      return won ? { kind: 'done' } : { kind: 'lost' };
    } catch (caught) {
      this.held.delete(job.id);
      const error = caught instanceof Error ? caught : new Error(String(caught));
      if (error instanceof LeaseLostError) {
        this.logger.warn({ job: job.id }, error.message);
        return { kind: 'lost' };
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
        const won = await this.db.transaction(async (tx) => {
          if (!(await this.jobs.fail(tx, job.id, job.lease, error.message))) return false;
          await registration.options.onGiveUp?.(job.payload as never, error, tx);
          return true;
        });
        return won ? { kind: 'failed' } : { kind: 'lost' };
      }
      const wait = error instanceof RetryLaterError ? error.retryAfterMs : delay(job.attempts);
      const won = await this.jobs.retry(job.id, job.lease, wait, error.message);
      return won ? { kind: 'retry', delayMs: wait } : { kind: 'lost' };
    }
  }
}
