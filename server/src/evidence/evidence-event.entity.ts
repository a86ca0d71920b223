import type { EvidenceEventType } from '@zegel/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** One link of the evidence chain. Rows are only ever appended. */
@Entity('evidence_events')
export class EvidenceEventEntity {
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 48 })
  type!: EvidenceEventType;

  @TimestampColumn()
  time!: Date;

  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  messageId!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  recipient!: string | null;

  @Column({ type: 'varchar', length: 340 })
  actor!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'simple-json' })
  digests!: Record<string, string>;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** Covered by the hash when present (configuration changes: before and after). */
  @Column({ type: 'simple-json', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 128 })
  signature!: string;

  @Column({ type: 'varchar', length: 64 })
  keyId!: string;
}
