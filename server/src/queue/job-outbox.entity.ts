import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/**
 * The transactional outbox of the BullMQ queue: a row is written in the same transaction as the
 * job row (and the state change it follows), and a relay hands it to Redis after the commit. So a
 * BullMQ job exists only for a committed change, and every committed change gets one.
 */
@Entity('job_outbox')
export class JobOutboxEntity {
  /** Also the BullMQ job id, so a relay that repeats an add after a crash adds nothing. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  jobId!: string;

  @TimestampColumn()
  createdAt!: Date;
}
