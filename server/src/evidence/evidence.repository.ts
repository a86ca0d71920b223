import { Injectable } from '@nestjs/common';
import type { EvidenceEventType } from '@zegel/shared';
import { EntityManager, In, IsNull, LessThan, MoreThan, MoreThanOrEqual } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { insertEntities, insertStatement } from '../database/plain-insert';
import { engineOf, runSql } from '../database/sql.util';
import { GENESIS_HASH } from './verifier/event-hash';
import { EvidenceChainHeadEntity } from './evidence-chain-head.entity';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceTreeHeadEntity } from './evidence-tree-head.entity';

export interface EventSearch {
  types?: EvidenceEventType[];
  messageId?: string;
  actor?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Events with a smaller seq (the next page, newest first). */
  before?: number;
  limit: number;
}

/** All SQL of the evidence log: chain heads, appends, leaves, tree heads, and reads. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * The head of one chain (a message's), locked for the rest of the caller's transaction (SELECT …
   * FOR UPDATE on PostgreSQL; SQLite serialises writers). Only appends to the same chain wait.
   */
  async lockChainHead(tx: EntityManager, chain: string): Promise<EvidenceChainHeadEntity> {
    if (engineOf(tx) === 'mssql') return this.lockChainHeadMssql(tx, chain);
    // One statement, plain SQL: this runs for every event. The upsert creates the head on a chain's
    // first event and otherwise rewrites the head's own value, which takes the row lock that SELECT …
    // FOR UPDATE would (PostgreSQL), and returns the head in the same round trip.
    const { rows } = await runSql<{ length: number | string; hash: string }>(
      tx,
      `INSERT INTO evidence_chain_heads (chain, length, hash) VALUES (?, 0, ?)
       ON CONFLICT (chain) DO UPDATE SET length = evidence_chain_heads.length
       RETURNING length, hash`,
      [chain, GENESIS_HASH],
    );
    if (!rows[0]) throw new Error(`evidence chain head ${chain} missing`);
    return Object.assign(new EvidenceChainHeadEntity(), {
      chain,
      length: Number(rows[0].length),
      hash: rows[0].hash,
    });
  }
  private async lockChainHeadMssql(
    tx: EntityManager,
    chain: string,
  ): Promise<EvidenceChainHeadEntity> {
    // HOLDLOCK: two first appends to one chain at once insert its head once, not twice.
    await runSql(
      tx,
      `MERGE INTO evidence_chain_heads WITH (HOLDLOCK) AS h USING (SELECT ? AS chain) AS s
       ON h.chain = s.chain
       WHEN NOT MATCHED THEN INSERT (chain, length, hash) VALUES (s.chain, 0, ?);`,
      [chain, GENESIS_HASH],
    );
    const head = await tx.findOne(EvidenceChainHeadEntity, {
      where: { chain },
      lock: { mode: 'pessimistic_write' },
    });
    if (!head) throw new Error(`evidence chain head ${chain} missing`);
    return head;
  }

  /**
   * Inserts the event (the database assigns `seq`) and moves its chain's head; returns `seq`. The
   * caller holds the head (`lockChainHead`) in the same transaction.
   */
  async append(tx: EntityManager, event: Omit<EvidenceEventEntity, 'seq'>): Promise<number> {
    const head = [event.chainSeq ?? 0, event.hash, event.messageId ?? 'configuration'];
    const moveHead = 'UPDATE evidence_chain_heads SET length = ?, hash = ? WHERE chain = ?';
    if (engineOf(tx) === 'postgres') {
      // One round trip instead of two, on the path of every event: the insert and the head's update
      // run as data-modifying WITHs of one statement (each runs once, to completion; both commit or
      // neither).
      const insert = insertStatement(tx, EvidenceEventEntity, event, 'seq');
      const { rows } = await runSql<{ seq: number | string }>(
        tx,
        `WITH event AS (${insert.sql}), head AS (${moveHead}) SELECT seq FROM event`,
        [...insert.params, ...head],
      );
      return Number(rows[0].seq);
    }
    const [seq] = await insertEntities(tx, EvidenceEventEntity, [event], 'seq');
    await runSql(tx, moveHead, head);
    return Number(seq);
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

  /**
   * The events that match the admin's filters, newest first, before the `before` seq; and how many
   * match in all. `actor` matches a part, any case (LIKE with its wildcards escaped).
   */
  async search(filter: EventSearch): Promise<{ rows: EvidenceEventEntity[]; total: number }> {
    const query = this.db.manager.createQueryBuilder(EvidenceEventEntity, 'e');
    if (filter.types?.length) query.andWhere('e.type IN (:...types)', { types: filter.types });
    if (filter.messageId)
      query.andWhere('e.messageId = :messageId', { messageId: filter.messageId });
    if (filter.actor) {
      const pattern = `%${filter.actor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(`LOWER(e.actor) LIKE :actor ESCAPE '\\'`, { actor: pattern });
    }
    if (filter.from) query.andWhere('e.time >= :from', { from: filter.from.toISOString() });
    if (filter.to) query.andWhere('e.time < :to', { to: filter.to.toISOString() });
    const total = await query.getCount();
    if (filter.before !== undefined) query.andWhere('e.seq < :before', { before: filter.before });
    const rows = await query.orderBy('e.seq', 'DESC').take(filter.limit).getMany();
    return { rows, total };
  }

  /**
   * The format 2 events right before these (chain, chainSeq) positions: what each event of a
   * filtered page names as its predecessor. One query per page, not per event.
   */
  async predecessors(
    of: { messageId: string | null; chainSeq: number }[],
  ): Promise<EvidenceEventEntity[]> {
    const wanted = of.filter((e) => e.chainSeq > 1);
    if (!wanted.length) return [];
    const query = this.db.manager
      .createQueryBuilder(EvidenceEventEntity, 'e')
      .select(['e.seq', 'e.messageId', 'e.chainSeq', 'e.hash'])
      .where('e.format = 2');
    const messages = [...new Set(wanted.map((e) => e.messageId).filter((m) => m !== null))];
    const configuration = wanted.some((e) => e.messageId === null);
    const seqs = [...new Set(wanted.map((e) => e.chainSeq - 1))];
    query.andWhere(
      `(${[
        ...(messages.length ? ['e.messageId IN (:...messages)'] : []),
        ...(configuration ? ['e.messageId IS NULL'] : []),
      ].join(' OR ')})`,
      { messages },
    );
    // A superset (every pair of chain and position); the caller picks its exact predecessors.
    return query.andWhere('e.chainSeq IN (:...seqs)', { seqs }).getMany();
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
    await this.db.transaction((tx) =>
      tx.update(
        EvidenceTreeHeadEntity,
        { treeSize, timestampToken: IsNull() },
        { timestampToken: token },
      ),
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
