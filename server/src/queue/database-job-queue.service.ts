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
import { JobHandler, JobHandlerOptions, JobQueue } from './job-queue';
import { JobRepository } from './job.repository';
import { JobRunner, Registration } from './job-runner';
import { JobPayloads, JobType } from './job-types';

const POLL_MS = 1_000;
const BATCH = 8;
/** Jobs one process runs at once; a stalled MX holds one slot, not the queue. */
const CONCURRENCY = 32;

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
  private readonly runner: JobRunner;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private readonly active = new Set<Promise<void>>();
  private again = false;
  private stopped = false;
  /** False on an instance that only enqueues (ZEGEL_RUN_JOBS=false): it never claims. */
  private readonly runsJobs: boolean;
  constructor(
    db: DatabaseService,
    private readonly jobs: JobRepository,
    config: ZegelConfig,
  ) {
    super();
    this.runner = new JobRunner(db, jobs, config.delivery.jobLeaseMs);
    this.runsJobs = config.delivery.runJobs;
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
    this.runner.handlers.set(type, { handler, options } as unknown as Registration);
  }

  onApplicationBootstrap(): void {
    if (!this.runsJobs) {
      this.logger.log('this instance runs no jobs (ZEGEL_RUN_JOBS=false): another must run them');
      return;
    }
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    this.runner.start();
    this.poke();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.runner.stop();
    await this.running;
    await Promise.all([...this.active]);
  }

  poke(): void {
    if (this.stopped || !this.runsJobs) return;
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
    if (!this.runsJobs) throw new Error('this instance runs no jobs (ZEGEL_RUN_JOBS=false)');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.running;
      const due = await this.jobs.countDue(this.runner.types);
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
        this.runner.types,
        room,
        randomUUID(),
        this.runner.leaseMs,
      );
      // Claimed jobs run side by side and the loop goes on claiming: a slow MX must not hold up
      // every other delivery. A finished job looks for the next.
      for (const job of claimed) {
        const running: Promise<void> = this.runner
          .run(job)
          .then(() => undefined)
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
}
