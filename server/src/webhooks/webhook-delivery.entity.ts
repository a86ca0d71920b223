import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed' | 'dropped';

/**
 * One event for one endpoint: the outbox row written in the event's transaction, and its delivery
 * log. Its id is the `webhook-id`, the same on every attempt, so a receiver can spot a repeat.
 */
@Entity('webhook_deliveries')
@Index(['endpointId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  endpointId!: string;

  @Column({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 64 })
  eventType!: string;

  /** The exact body sent on every attempt (JSON text; evidence metadata, never message content). */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: WebhookDeliveryState;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  /** HTTP status of the last attempt; null when there was no answer. */
  @Column({ type: 'int', nullable: true })
  lastStatus!: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @TimestampColumn({ nullable: true })
  lastAttemptAt!: Date | null;

  @TimestampColumn({ nullable: true })
  deliveredAt!: Date | null;

  @TimestampColumn()
  createdAt!: Date;
}
