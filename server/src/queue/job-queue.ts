import type { EntityManager } from 'typeorm';
import type { JobPayloads, JobType } from './job-types';

export interface JobContext {
  id: string;
  attempts: number;
  /** When the job was enqueued (the start of its lifetime). */
  createdAt: Date;
  /**
   * Runs a side effect (a mail, a text, a webhook) at most once per completed run of this job: a
   * rerun after a crash skips effects already recorded. `record` runs in the same transaction that
   * records the effect (evidence that the mail went out, say). A crash between the effect and its
   * record repeats the effect once; `effectId` gives the receiving side a stable id to spot that.
   */
  once(
    effect: string,
    run: (effectId: string) => Promise<void>,
    record?: (tx: EntityManager) => Promise<void>,
  ): Promise<void>;
  /**
   * Runs `work` in a transaction that commits only while this run still holds the job's lease
   * (else LeaseLostError, and nothing is written). A handler's last write goes through here when
   * it is not conditional of its own, so a run whose lease lapsed — while another worker took the
   * job over — cannot record the same outcome a second time.
   */
  fenced<T>(work: (tx: EntityManager) => Promise<T>): Promise<T>;
}

export interface JobHandlerOptions<T extends JobType> {
  /** Give up after this many attempts… */
  maxAttempts?: number;
  /** …or once the job is this old (a delivery lifetime in days, as MTAs count it). */
  maxAgeMs?: number;
  /** Delay before the next attempt; the queue's default backoff otherwise. */
  retryDelayMs?: (attempts: number) => number;
  /**
   * Called once when the job gives up (permanent error or attempts used up), inside the
   * transaction that marks the job failed; it does not run when another worker holds the job.
   */
  onGiveUp?: (payload: JobPayloads[T], error: Error, tx: EntityManager) => Promise<void>;
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
    options?: { delayMs?: number },
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

/** Thrown inside a handler when its lease was lost: another worker has the job now. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`lease on job ${jobId} was lost to another worker`);
    this.name = 'LeaseLostError';
  }
}
