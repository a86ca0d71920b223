import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

export type JobState = 'queued' | 'done' | 'failed';

/**
 * A durable job. A worker claims it by setting a lease; a worker that dies leaves the lease to run
 * out and another picks the job up. Handlers are idempotent, so a job is done once in effect.
 */
@Entity('jobs')
@Index(['state', 'runAt'])
export class JobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  /** Typed per job type; secrets inside are sealed with the message key. */
  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 8 })
  state!: JobState;

  @TimestampColumn()
  runAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @TimestampColumn({ nullable: true })
  leaseUntil!: Date | null;

  /** A fresh token per claim: every later write names it, so a worker whose lease lapsed changes nothing. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  leaseOwner!: string | null;

  /** Side effects (a mail, a text) this job has completed; a rerun skips them. */
  @Column({ type: 'simple-json', nullable: true })
  effects!: string[] | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @TimestampColumn()
  createdAt!: Date;
}
