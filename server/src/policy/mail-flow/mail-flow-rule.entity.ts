import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/timestamp.column';
import type { MailFlowConditions } from './mail-flow.types';

/** A mail-flow rule: conditions → a classification, for mail that reaches the SMTP connector unlabelled. */
@Entity('mail_flow_rules')
@Index(['position'])
export class MailFlowRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: Boolean }) // boolean on PostgreSQL and SQLite, bit on SQL Server
  enabled!: boolean;

  @Column({ type: 'simple-json' })
  conditions!: MailFlowConditions;

  @Column({ type: 'varchar', length: 64 })
  classification!: string;

  /** Raised by every change; a save must name the version it started from (If-Match). */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
