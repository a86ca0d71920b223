import type { EntityManager } from 'typeorm';
import type { JobPayloads, JobType } from './job-types';

export interface JobContext {
  id: string;
  attempts: number;
  /** When the job was enqueued (the start of its lifetime). */
  createdAt: Date;
}

export interface JobHandlerOptions<T extends JobType> {
  /** Give up after this many attempts… */
  maxAttempts?: number;
  /** …or once the job is this old (a delivery lifetime in days, as MTAs count it). */
  maxAgeMs?: number;
  /** Delay before the next attempt; the queue's default backoff otherwise. */
  retryDelayMs?: (attempts: number) => number;
  /** Called once when the job gives up (permanent error or attempts used up). */
  onGiveUp?: (payload: JobPayloads[T], error: Error) => Promise<void>;
}

export type JobHandler<T extends JobType> = (
  payload: JobPayloads[T],
  context: JobContext,
) => Promise<void>;

/**
 * The durable queue behind one interface. The embedded default keeps jobs in the database with
 * leases; a BullMQ/Redis implementation can replace it without touching the callers.
 */
export abstract class JobQueue {
  /** Adds a job inside the caller's transaction, so it exists exactly when the change it follows does. */
  abstract enqueue<T extends JobType>(
    manager: EntityManager,
    type: T,
    payload: JobPayloads[T],
    options?: { runAt?: Date },
  ): Promise<string>;
  abstract handle<T extends JobType>(
    type: T,
    handler: JobHandler<T>,
    options: JobHandlerOptions<T>,
  ): void;
  /** Asks the workers to look now instead of at the next poll. */
  abstract poke(): void;
  /** Resolves when no job is due or running (tests and shutdown). */
  abstract drain(timeoutMs?: number): Promise<void>;
}
