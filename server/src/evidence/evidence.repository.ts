import { Injectable } from '@nestjs/common';
import type { EvidenceEventType } from '@zegel/shared';
import { EntityManager, In, IsNull, LessThan, MoreThan, MoreThanOrEqual } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { engineOf, runSql } from '../database/sql.util';
import { GENESIS_HASH } from './verifier/event-hash';
import { EvidenceChainHeadEntity } from './evidence-chain-head.entity';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceTreeHeadEntity } from './evidence-tree-head.entity';

/** All SQL of the evidence log: chain heads, appends, leaves, tree heads, and reads. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * The head of one chain (a message's), locked for the rest of the caller's transaction (SELECT …
   * FOR UPDATE on PostgreSQL; SQLite serialises writers). Only appends to the same chain wait.
   */
  async lockChainHead(tx: EntityManager, chain: string): Promise<EvidenceChainHeadEntity> {
    if (engineOf(tx) === 'mssql') {
      // HOLDLOCK: two first appends to one chain at once insert its head once, not twice.
      await runSql(
        tx,
        `MERGE INTO evidence_chain_heads WITH (HOLDLOCK) AS h USING (SELECT ? AS chain) AS s
         ON h.chain = s.chain
         WHEN NOT MATCHED THEN INSERT (chain, length, hash) VALUES (s.chain, 0, ?);`,
        [chain, GENESIS_HASH],
      );
    } else
      await tx
        .createQueryBuilder()
        .insert()
        .into(EvidenceChainHeadEntity)
        .values({ chain, length: 0, hash: GENESIS_HASH })
        .orIgnore()
        .execute();
    const head = await tx.findOne(EvidenceChainHeadEntity, {
      where: { chain },
      ...(engineOf(tx) !== 'sqlite' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!head) throw new Error(`evidence chain head ${chain} missing`);
    return head;
  }

  /** Inserts the event (the database assigns `seq`) and moves its chain's head; returns `seq`. */
  async append(tx: EntityManager, event: Omit<EvidenceEventEntity, 'seq'>): Promise<number> {
    // simple-json columns take plain objects; TypeORM's deep-partial type cannot say so for `unknown`.
    const result = await tx.insert(
      EvidenceEventEntity,
      event as QueryDeepPartialEntity<EvidenceEventEntity>,
    );
    const chain = event.messageId ?? 'configuration';
    await tx.update(
      EvidenceChainHeadEntity,
      { chain },
      { length: event.chainSeq ?? 0, hash: event.hash },
    );
    return Number((result.identifiers[0] as { seq: number }).seq);
  }

  forMessage(messageId: string): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { messageId },
      order: { seq: 'ASC' },
    });
  }

  page(after: number, limit: number): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  byId(id: string): Promise<EvidenceEventEntity | null> {
    return this.db.manager.findOne(EvidenceEventEntity, { where: { id } });
  }

  /** The format 1 event right before `seq` in the legacy global chain. */
  legacyBefore(seq: number): Promise<EvidenceEventEntity | null> {
    return this.db.manager.findOne(EvidenceEventEntity, {
      where: { seq: LessThan(seq), format: 1 },
      order: { seq: 'DESC' },
    });
  }

  /** The event before `chainSeq` in a format 2 chain. */
  chainPredecessor(
    messageId: string | null,
    chainSeq: number,
  ): Promise<EvidenceEventEntity | null> {
    return this.db.manager.findOne(EvidenceEventEntity, {
      where: { messageId: messageId ?? IsNull(), format: 2, chainSeq: chainSeq - 1 },
    });
  }

  /** Events of these types for one message (what a receipt or a timeline needs). */
  ofTypes(messageId: string, types: EvidenceEventType[]): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { messageId, type: In(types) },
      order: { seq: 'ASC' },
    });
  }

  // ---- the Merkle tree ----

  /** Hashes of the leaves from `from` on, in leaf order (to extend an in-memory tree). */
  async leafHashes(from: number, limit: number): Promise<{ leafIndex: number; hash: string }[]> {
    const rows = await this.db.manager.find(EvidenceEventEntity, {
      select: { leafIndex: true, hash: true },
      where: { leafIndex: MoreThanOrEqual(from) },
      order: { leafIndex: 'ASC' },
      take: limit,
    });
    return rows.map((r) => ({ leafIndex: r.leafIndex!, hash: r.hash }));
  }

  /** Committed events no tree head has taken in yet, oldest first. */
  async unsequenced(limit: number): Promise<{ seq: number; hash: string }[]> {
    const rows = await this.db.manager.find(EvidenceEventEntity, {
      select: { seq: true, hash: true },
      where: { leafIndex: IsNull() },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows;
  }

  /**
   * Gives events their leaf positions, each only if it has none yet; returns false (and the
   * caller's transaction should roll back) when another writer got to one first.
   */
  async assignLeaves(tx: EntityManager, leaves: { seq: number; leafIndex: number }[]) {
    for (const { seq, leafIndex } of leaves) {
      const r = await runSql(
        tx,
        'UPDATE evidence_events SET "leafIndex" = ? WHERE seq = ? AND "leafIndex" IS NULL',
        [leafIndex, seq],
      );
      if (r.affected !== 1) return false;
    }
    return true;
  }

  async insertTreeHead(tx: EntityManager, head: EvidenceTreeHeadEntity): Promise<void> {
    await tx.insert(EvidenceTreeHeadEntity, head);
  }

  async setTimestampToken(treeSize: number, token: string): Promise<void> {
    await this.db.manager.update(
      EvidenceTreeHeadEntity,
      { treeSize, timestampToken: IsNull() },
      { timestampToken: token },
    );
  }

  latestTreeHeads(count: number): Promise<EvidenceTreeHeadEntity[]> {
    return this.db.manager.find(EvidenceTreeHeadEntity, {
      order: { treeSize: 'DESC' },
      take: count,
    });
  }

  /** Tree heads in order, a page at a time (the audit). */
  treeHeads(afterSize: number, limit: number): Promise<EvidenceTreeHeadEntity[]> {
    return this.db.manager.find(EvidenceTreeHeadEntity, {
      where: { treeSize: MoreThan(afterSize) },
      order: { treeSize: 'ASC' },
      take: limit,
    });
  }

  /** Events in leaf order, then the ones without a leaf (the audit). */
  leavesPage(afterLeaf: number, limit: number): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { leafIndex: MoreThan(afterLeaf) },
      order: { leafIndex: 'ASC' },
      take: limit,
    });
  }

  withoutLeaf(afterSeq: number, limit: number): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { leafIndex: IsNull(), seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  /** Format 1 events in seq order (their global chain), a page at a time (the audit). */
  legacyPage(afterSeq: number, limit: number): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { format: 1, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }
}
