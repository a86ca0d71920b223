import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

export type ReplyState = 'stored' | 'delivered' | 'failed';

/** One stored attachment of a reply: where its ciphertext is and what its plaintext was. */
export interface ReplyPart {
  blobId: string;
  size: number;
  sha256: string;
}

/**
 * A recipient's secure reply to a message. Like message content it has its own data key
 * (`wrappedKey`); the text and the file names are sealed in `sealedMeta`. Once the reply reached
 * the sender's mailbox the key and the ciphertext go; the digests stay as evidence.
 */
@Entity('message_replies')
export class MessageReplyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  messageId!: string;

  @Index()
  @Column({ type: 'varchar', length: 36 })
  recipientId!: string;

  @TimestampColumn()
  createdAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  state!: ReplyState;

  /** Null once the reply is delivered (crypto-shredding). */
  @Column({ type: 'text', nullable: true })
  wrappedKey!: string | null;

  /** Sealed JSON {subject, text, attachments: [{name, contentType}]}. */
  @Column({ type: 'text', nullable: true })
  sealedMeta!: string | null;

  /** JSON ReplyPart[]; the blob ids are cleared once the ciphertext is removed. */
  @Column({ type: 'text' })
  parts!: string;

  @Column({ type: 'varchar', length: 64 })
  textSha256!: string;

  @TimestampColumn({ nullable: true })
  deliveredAt!: Date | null;
}
