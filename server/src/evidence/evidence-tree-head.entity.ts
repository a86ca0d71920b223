import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/timestamp.column';

/** A signed tree head (RFC 9162 style): the Merkle root over the first `treeSize` events. */
@Entity('evidence_tree_heads')
export class EvidenceTreeHeadEntity {
  @PrimaryColumn({ type: 'int' })
  treeSize!: number;

  @Column({ type: 'varchar', length: 64 })
  rootHash!: string;

  @TimestampColumn()
  time!: Date;

  /** Over the RFC 8785 bytes of { v, treeSize, rootHash, time } (verifier/tree-head.ts). */
  @Column({ type: 'varchar', length: 128 })
  signature!: string;

  @Column({ type: 'varchar', length: 64 })
  keyId!: string;

  /** RFC 3161 TimeStampToken (DER, base64) over the same bytes; null without a TSA. */
  @Column({ type: 'text', nullable: true })
  timestampToken!: string | null;
}
