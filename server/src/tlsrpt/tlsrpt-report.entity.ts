import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/**
 * One daily report of one policy domain. Inserting the row claims the report, so that of several
 * server processes only one sends it; the state says how it went.
 */
@Entity('tlsrpt_reports')
export class TlsRptReportEntity {
  /** SHA-256 of "<day> <policy domain>". */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 253 })
  policyDomain!: string;

  @Column({ type: 'varchar', length: 64 })
  reportId!: string;

  /** sending, sent (to at least one address), failed, or none (the domain asks for no reports). */
  @Column({ type: 'varchar', length: 8 })
  state!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;

  @TimestampColumn()
  createdAt!: Date;
}
