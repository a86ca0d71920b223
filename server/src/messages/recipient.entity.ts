import type { CeIdChannel, RecipientState, Route } from '@zegel/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** One recipient's copy of a message: its pickup link, its CE-ID and where it is in its life. */
@Entity('recipients')
export class RecipientEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  messageId!: string;

  @Index()
  @Column({ type: 'varchar', length: 320 })
  address!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 8 })
  route!: Route;

  @Column({ type: 'varchar', length: 8 })
  ceIdChannel!: CeIdChannel;

  /** SHA-256 of the pickup token (128 random bits); the token itself is never stored. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** HMAC-SHA-256 of the CE-ID under a key from the key directory. */
  @Column({ type: 'varchar', length: 64 })
  ceIdHash!: string;

  @Index()
  @Column({ type: 'varchar', length: 24 })
  state!: RecipientState;

  /**
   * Wrong-code attempts on this copy from all addresses together, counted atomically before each
   * code is judged (see PickupAttemptRepository); past the limit the copy opens for no code.
   */
  @Column({ type: 'int', default: 0 })
  failedAttempts!: number;

  @TimestampColumn()
  updatedAt!: Date;

  @TimestampColumn({ nullable: true })
  handedOverAt!: Date | null;

  /** After acceptance the content stays readable until this moment (the grace period). */
  @TimestampColumn({ nullable: true })
  retainUntil!: Date | null;

  /** When the recipient last said on the pickup page that the code is lost (limits the mails). */
  @TimestampColumn({ nullable: true })
  lostCodeAt!: Date | null;

  /** The SMS provider's reference and last delivery status of the CE-ID text, if one was sent. */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  smsReference!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  smsStatus!: string | null;
}
