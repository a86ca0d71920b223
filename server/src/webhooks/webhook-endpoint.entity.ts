import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** A receiver of signed evidence events (Standard Webhooks), kept by admins. */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  /** Evidence event types (ETSI EN 319 522 names) this endpoint receives. */
  @Column({ type: 'simple-json' })
  eventTypes!: string[];

  /**
   * Empty once sealed. Rows from before secrets were sealed hold the `whsec_…` secret here in plain
   * text until WebhookSecrets seals it (at startup, or on first use).
   */
  @Column({ type: 'varchar', length: 200 })
  secret!: string;

  /** The `whsec_…` secret sealed under `secretKey`; never returned by the API after it was set. */
  @Column({ type: 'text', nullable: true })
  sealedSecret!: string | null;

  /** The data key that seals the secret, wrapped by the key store; null for a legacy plain secret. */
  @Column({ type: 'text', nullable: true })
  secretKey!: string | null;

  /**
   * After a rotation: the secret before it, sealed the same way (same data-key wrapping and AAD),
   * and until when deliveries are still signed with it as well. Null when there is none.
   */
  @Column({ type: 'text', nullable: true })
  previousSealedSecret!: string | null;

  @Column({ type: 'text', nullable: true })
  previousSecretKey!: string | null;

  @TimestampColumn({ nullable: true })
  previousSecretUntil!: Date | null;

  /** Addresses or CIDR ranges this endpoint may reach although the outbound guard refuses them. */
  @Column({ type: 'simple-json' })
  allowedPrivateTargets!: string[];

  @Column({ type: Boolean }) // boolean on PostgreSQL and SQLite, bit on SQL Server
  enabled!: boolean;

  /** Why Zegel disabled the endpoint itself (days of failure); null when an admin did or it is on. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  /** Start of the current run of failed attempts; null after a success. */
  @TimestampColumn({ nullable: true })
  failingSince!: Date | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
