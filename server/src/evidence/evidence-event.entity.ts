import type { EvidenceEventType } from '@zegel/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/**
 * One evidence event: a link of its message's chain and a leaf of the log's Merkle tree. Rows are
 * only ever appended; the leader fills in `leafIndex` once, when a tree head takes the event in.
 */
@Entity('evidence_events')
export class EvidenceEventEntity {
  /** Assigned by the database (a sequence), so instances append without waiting on each other. */
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  seq!: number;

  /** Format version (verifier/event-hash.ts): 1 = global chain, legacy JSON; 2 = per chain, JCS. */
  @Column({ type: 'int', default: 1 })
  format!: number;

  /** Format 2: position in the message's (or the configuration) chain, from 1. */
  @Column({ type: 'int', nullable: true })
  chainSeq!: number | null;

  /** Position in the Merkle tree; null until the next signed tree head takes the event in. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  leafIndex!: number | null;

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
