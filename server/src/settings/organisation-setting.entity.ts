import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/**
 * Settings that belong to the organisation (the branding, …): one row per key, a JSON value and a
 * version that every save raises, so two admins editing at once cannot overwrite each other.
 */
@Entity('organisation_settings')
export class OrganisationSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'simple-json' })
  value!: unknown;

  @TimestampColumn()
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 340 })
  updatedBy!: string;
}
