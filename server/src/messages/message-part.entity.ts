import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PartKind = 'html' | 'text' | 'attachment';

/** One encrypted part of a message: a body or an attachment, with its plaintext digest. */
@Entity('message_parts')
@Index(['messageId', 'kind', 'index'], { unique: true })
export class MessagePartEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  messageId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: PartKind;

  /** Position among the attachments (0 for bodies). */
  @Column({ type: 'int' })
  index!: number;

  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 200 })
  contentType!: string;

  /** Where the ciphertext is; null once deleted. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  blobId!: string | null;
}
