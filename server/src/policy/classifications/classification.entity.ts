import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/timestamp.column';

/**
 * A classification label: the built-in four (written on the first change) and the admin's own.
 * Versioned: a change names the version it started from.
 */
@Entity('classifications')
export class ClassificationEntity {
  /** The X-Zegel-Classification value. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'simple-json' })
  label!: { en: string; nl: string };

  @Column({ type: 'simple-json' })
  description!: { en: string; nl: string };

  @Column({ type: 'varchar', length: 16 })
  colour!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  purviewLabelId!: string | null;

  /** The built-in classification whose route this one takes. */
  @Column({ type: 'varchar', length: 16 })
  routeAs!: string;

  @Column({ type: Boolean }) // boolean on PostgreSQL and SQLite, bit on SQL Server
  builtIn!: boolean;

  @Column({ type: 'int' })
  version!: number;

  @TimestampColumn()
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 330 })
  updatedBy!: string;
}
