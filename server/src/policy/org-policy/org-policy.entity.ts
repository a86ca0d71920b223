import type { OrgPolicy } from '@zegel/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/timestamp.column';

/**
 * The routing policy as earlier versions kept it (one row, `default`, unversioned). Read once, on
 * the first start of this version, to carry it into the versioned `policy` setting
 * (OrgPolicyService); nothing writes it any more.
 */
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
