import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The head of one chain (a message's, or `configuration`). Appending locks only this row, so
 * events about different messages never wait on each other.
 */
@Entity('evidence_chain_heads')
export class EvidenceChainHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 48 })
  chain!: string;

  @Column({ type: 'int' })
  length!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
