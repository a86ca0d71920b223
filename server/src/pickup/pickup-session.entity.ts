import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** A recipient's unlocked session (after the right CE-ID), held in an HttpOnly cookie. */
@Entity('pickup_sessions')
export class PickupSessionEntity {
  /** SHA-256 of the session secret. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  recipientId!: string;

  @Index()
  @TimestampColumn()
  expiresAt!: Date;
}
