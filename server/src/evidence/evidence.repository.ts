import { Injectable } from '@nestjs/common';
import type { EvidenceEventType } from '@zegel/shared';
import { EntityManager, In, LessThan, MoreThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatabaseService } from '../database/database.service';
import { engineOf } from '../database/sql.util';
import { GENESIS_HASH } from './evidence-chain';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceHeadEntity } from './evidence-head.entity';

/** All SQL of the evidence log: the chain head, appends, and reads in chain order. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * The chain head, locked for the rest of the caller's transaction (SELECT … FOR UPDATE on
   * PostgreSQL; SQLite serialises writers), so appends from several instances form one chain.
   */
  async lockHead(tx: EntityManager): Promise<EvidenceHeadEntity> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(EvidenceHeadEntity)
      .values({ id: 1, seq: 0, hash: GENESIS_HASH })
      .orIgnore()
      .execute();
    const head = await tx.findOne(EvidenceHeadEntity, {
      where: { id: 1 },
      ...(engineOf(tx) === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!head) throw new Error('evidence head row missing');
    return head;
  }

  async append(tx: EntityManager, event: EvidenceEventEntity): Promise<void> {
    // simple-json columns take plain objects; TypeORM's deep-partial type cannot say so for `unknown`.
    await tx.insert(EvidenceEventEntity, event as QueryDeepPartialEntity<EvidenceEventEntity>);
    await tx.update(EvidenceHeadEntity, { id: 1 }, { seq: event.seq, hash: event.hash });
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

  /** The event right before `seq` in the chain, to check the first of a page against. */
  before(seq: number): Promise<EvidenceEventEntity | null> {
    return this.db.manager.findOne(EvidenceEventEntity, {
      where: { seq: LessThan(seq) },
      order: { seq: 'DESC' },
    });
  }

  /** Events of these types for one message (what a receipt or a timeline needs). */
  ofTypes(messageId: string, types: EvidenceEventType[]): Promise<EvidenceEventEntity[]> {
    return this.db.manager.find(EvidenceEventEntity, {
      where: { messageId, type: In(types) },
      order: { seq: 'ASC' },
    });
  }
}
