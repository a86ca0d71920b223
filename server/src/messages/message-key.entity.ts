import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The message's data key, wrapped by the key-encryption key. Deleting this row is what destroys
 * the content for good (crypto-shredding); it lives in its own table so nothing else holds it.
 */
@Entity('message_keys')
export class MessageKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  messageId!: string;

  @Column({ type: 'text' })
  wrapped!: string;
}
