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

  @Index()
  @Column({ type: 'varchar', length: 320 })
  sender!: string;

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
}
