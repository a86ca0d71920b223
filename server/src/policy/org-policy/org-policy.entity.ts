import type { OrgPolicy } from '@zegel/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/timestamp.column';

/** The organisation's routing policy: one row (`default`), edited through the admin API. */
@Entity('org_policy')
export class OrgPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id!: string;

  @Column({ type: 'simple-json' })
  settings!: OrgPolicy;

  @TimestampColumn()
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 320 })
  updatedBy!: string;
}
