import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chain's head in a single row. Appending locks it (SELECT … FOR UPDATE on PostgreSQL), so
 * events from several server processes still form one unbroken chain.
 */
@Entity('evidence_head')
export class EvidenceHeadEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
