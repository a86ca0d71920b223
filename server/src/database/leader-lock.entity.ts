import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from './timestamp.column';

/** A named lease for work only one instance may do at a time, where no advisory lock exists (SQLite). */
@Entity('leader_locks')
export class LeaderLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 36 })
  owner!: string;

  @TimestampColumn()
  until!: Date;
}
