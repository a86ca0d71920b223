import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * TLS reporting (RFC 8460): how many direct-delivery sessions of one UTC day met or failed one
 * policy at one MX address. The id is a hash of every other key column, so that one upsert counts
 * atomically on every engine.
 */
@Entity('tlsrpt_counts')
@Index(['day', 'policyDomain'])
export class TlsRptCountEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** YYYY-MM-DD, UTC. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 253 })
  policyDomain!: string;

  @Column({ type: 'varchar', length: 16 })
  policyType!: string;

  @Column({ type: 'simple-json' })
  policyStrings!: string[];

  @Column({ type: 'simple-json' })
  mxHosts!: string[];

  @Column({ type: 'varchar', length: 253 })
  mxHost!: string;

  @Column({ type: 'varchar', length: 45 })
  receivingIp!: string;

  /** 'success' or an RFC 8460 result type. */
  @Column({ type: 'varchar', length: 40 })
  resultType!: string;

  @Column({ type: 'int' })
  count!: number;
}
