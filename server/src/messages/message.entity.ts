import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

export type ContentState = 'stored' | 'deleted';
export type EntryPoint = 'api' | 'smtp';

/**
 * A submitted message. The subject and attachment names are content: they are sealed with the
 * message's data key (`sealedMeta`) and vanish with it. What stays is metadata and digests.
 */
@Entity('messages')
export class MessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The sender's address, for display and for mail to the sender. */
  @Index()
  @Column({ type: 'varchar', length: 320 })
  sender!: string;

  /**
   * Who may read the message through the API: `<issuer> <subject>` of the token that submitted it.
   * Null for mail from the SMTP connector, which no token submitted; admins see those.
   */
  @Index()
  @Column({ type: 'varchar', length: 400, nullable: true })
  ownerId!: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  classification!: string;

  @Column({ type: 'varchar', length: 8 })
  entry!: EntryPoint;

  @Index()
  @TimestampColumn()
  createdAt!: Date;

  @Index()
  @TimestampColumn()
  expiresAt!: Date;

  /** Sealed JSON {subject, attachments: [{name}]}, null once the content is deleted. */
  @Column({ type: 'text', nullable: true })
  sealedMeta!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  htmlSha256!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  textSha256!: string | null;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  totalBytes!: number;

  @Index()
  @Column({ type: 'varchar', length: 8 })
  contentState!: ContentState;

  @TimestampColumn({ nullable: true })
  contentDeletedAt!: Date | null;

  /**
   * When the retention sweep must look at the content again (the end of an acceptance grace
   * period); indexed, so the sweep never scans every message.
   */
  @Index()
  @TimestampColumn({ nullable: true })
  contentDueAt!: Date | null;

  /** The sender lets recipients answer through the pickup page (secure reply). */
  @Column({ type: Boolean, default: true }) // bit on SQL Server
  allowReplies!: boolean;
}
