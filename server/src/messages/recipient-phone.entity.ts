import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/**
 * The recipient register: a phone number for the CE-ID by SMS, per recipient address, kept by
 * admins. Used when neither the sender nor an Exchange header gives a number.
 */
@Entity('recipient_phones')
export class RecipientPhoneEntity {
  /** Lower-case e-mail address. */
  @PrimaryColumn({ type: 'varchar', length: 320 })
  address!: string;

  /** E.164, e.g. +31612345678. */
  @Column({ type: 'varchar', length: 32 })
  phone!: string;

  @TimestampColumn()
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 340 })
  updatedBy!: string;
}
