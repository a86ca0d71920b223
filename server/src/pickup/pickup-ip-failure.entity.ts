import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** Wrong-code count per client address; shared by every server process through the database. */
@Entity('pickup_ip_failures')
export class PickupIpFailureEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'int' })
  failures!: number;

  @TimestampColumn()
  windowStart!: Date;

  @TimestampColumn({ nullable: true })
  blockedUntil!: Date | null;
}
