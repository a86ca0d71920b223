import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, LessThan, LessThanOrEqual } from 'typeorm';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { JobEntity } from './job.entity';
import { JobHandler, JobHandlerOptions, JobQueue } from './job-queue';
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

/** Jobs in the database; a job is claimed by a conditional update of its lease, so two workers never run it at once. */
@Injectable()
export class DatabaseJobQueue
  extends JobQueue
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('jobs');
  private readonly owner = randomUUID();
  private readonly handlers = new Map<string, Registration>();
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private readonly active = new Set<Promise<void>>();
  private again = false;
  private stopped = false;

  private readonly leaseMs: number;

  constructor(
    private readonly db: DatabaseService,
    config: ZegelConfig,
  ) {
    super();
    this.leaseMs = config.delivery.jobLeaseMs;
  }

  async enqueue<T extends JobType>(
    manager: EntityManager,
    type: T,
    payload: JobPayloads[T],
    options: { runAt?: Date } = {},
  ): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await manager.insert(JobEntity, {
      id,
      type,
      payload: payload as unknown as () => string,
      state: 'queued',
      runAt: options.runAt ?? now,
      attempts: 0,
      leaseUntil: null,
      leaseOwner: null,
      lastError: null,
      createdAt: now,
    });
    return id;
  }

  handle<T extends JobType>(type: T, handler: JobHandler<T>, options: JobHandlerOptions<T>): void {
    this.handlers.set(type, { handler, options } as unknown as Registration);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    this.poke();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all([...this.active]);
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await this.running;
      const due = await this.db.manager.count(JobEntity, {
        where: { state: 'queued', runAt: LessThanOrEqual(new Date()) },
      });
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
      const claimed = await this.claim(room);
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

  private async claim(limit: number): Promise<JobEntity[]> {
    const now = new Date();
    const candidates = await this.db.manager.find(JobEntity, {
      where: [
        { state: 'queued', runAt: LessThanOrEqual(now), leaseUntil: IsNull() },
        { state: 'queued', runAt: LessThanOrEqual(now), leaseUntil: LessThan(now) },
      ],
      order: { runAt: 'ASC' },
      take: limit,
    });
    const claimed: JobEntity[] = [];
    for (const job of candidates) {
      if (!this.handlers.has(job.type)) continue;
      const leaseUntil = new Date(Date.now() + this.leaseMs);
      const result = await this.db.transaction((m) =>
        m
          .createQueryBuilder()
          .update(JobEntity)
          .set({ leaseUntil, leaseOwner: this.owner, attempts: () => '"attempts" + 1' })
          .where('id = :id AND state = :state', { id: job.id, state: 'queued' })
          .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now)', { now: now.toISOString() })
          .execute(),
      );
      if (result.affected === 1) claimed.push({ ...job, attempts: job.attempts + 1, leaseUntil });
    }
    return claimed;
  }

  private async renew(id: string): Promise<void> {
    try {
      await this.db.transaction((m) =>
        m.update(
          JobEntity,
          { id, leaseOwner: this.owner },
          { leaseUntil: new Date(Date.now() + this.leaseMs) },
        ),
      );
    } catch (error) {
      this.logger.warn({ job: id, err: (error as Error).message }, 'lease renewal failed');
    }
  }

  private async run(job: JobEntity): Promise<void> {
    const registration = this.handlers.get(job.type)!;
    const { maxAttempts, maxAgeMs, retryDelayMs: delay = retryDelayMs } = registration.options;
    // The lease is renewed while the handler runs, so a short lease only bounds how long a
    // crashed worker's jobs wait, never a slow job's chance to finish.
    const renew = setInterval(() => void this.renew(job.id), Math.max(500, this.leaseMs / 3));
    renew.unref();
    try {
      await registration.handler(job.payload as never, {
        id: job.id,
        attempts: job.attempts,
        createdAt: job.createdAt,
      });
      clearInterval(renew);
      await this.db.transaction((m) => m.delete(JobEntity, { id: job.id, leaseOwner: this.owner }));
    } catch (caught) {
      clearInterval(renew);
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const permanent = error instanceof PermanentJobError;
      const exhausted =
        (maxAttempts !== undefined && job.attempts >= maxAttempts) ||
        (maxAgeMs !== undefined && Date.now() - job.createdAt.getTime() >= maxAgeMs);
      this.logger.warn(
        { job: job.id, type: job.type, attempts: job.attempts, err: error.message },
        'job failed',
      );
      if (permanent || exhausted) {
        await this.db.transaction((m) =>
          m.update(
            JobEntity,
            { id: job.id },
            {
              state: 'failed',
              lastError: error.message.slice(0, 1000),
              leaseUntil: null,
              payload: {},
            },
          ),
        );
        await registration.options.onGiveUp?.(job.payload as never, error);
      } else {
        await this.db.transaction((m) =>
          m.update(
            JobEntity,
            { id: job.id },
            {
              lastError: error.message.slice(0, 1000),
              leaseUntil: null,
              leaseOwner: null,
              runAt: new Date(
                Date.now() +
                  (error instanceof RetryLaterError ? error.retryAfterMs : delay(job.attempts)),
              ),
            },
          ),
        );
      }
    }
  }
}
