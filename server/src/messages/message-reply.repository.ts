import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { runSql } from '../database/sql.util';
import { MessageReplyEntity, type ReplyPart } from './message-reply.entity';

/** All SQL of secure replies: store, count, read, and the one-way move to delivered. */
@Injectable()
export class MessageReplyRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(tx: EntityManager, reply: MessageReplyEntity): Promise<void> {
    await tx.insert(MessageReplyEntity, reply);
  }

  /** Plain SQL: the pickup view asks on every read, and TypeORM's count builds its query anew. */
  async countOf(recipientId: string, tx: EntityManager = this.db.manager): Promise<number> {
    const { rows } = await runSql<{ n: number | string }>(
      tx,
      'SELECT COUNT(*) AS n FROM message_replies WHERE "recipientId" = ?',
      [recipientId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  byId(id: string): Promise<MessageReplyEntity | null> {
    return this.db.manager.findOne(MessageReplyEntity, { where: { id } });
  }

  /**
   * Stored → delivered or failed, once: the key and the sealed text go (crypto-shredding), the
   * digests stay. Returns the row as it was and the blob ids to remove, or null when another
   * worker already moved it.
   */
  async close(
    tx: EntityManager,
    id: string,
    to: 'delivered' | 'failed',
    now: Date,
  ): Promise<{ reply: MessageReplyEntity; blobIds: string[] } | null> {
    const row = await tx.findOne(MessageReplyEntity, { where: { id } });
    if (!row) return null;
    const result = await tx
      .createQueryBuilder()
      .update(MessageReplyEntity)
      .set({
        state: to,
        wrappedKey: null,
        sealedMeta: null,
        deliveredAt: to === 'delivered' ? now : null,
        parts: JSON.stringify(
          (JSON.parse(row.parts) as ReplyPart[]).map((p) => ({ ...p, blobId: '' })),
        ),
      })
      .where('id = :id AND state = :stored', { id, stored: 'stored' })
      .execute();
    if (!result.affected) return null;
    const blobIds = (JSON.parse(row.parts) as ReplyPart[]).map((p) => p.blobId).filter(Boolean);
    return { reply: row, blobIds };
  }
}
