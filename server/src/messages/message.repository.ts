import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { insertEntities } from '../database/plain-insert';
import { selectEntity } from '../database/plain-select';
import { engineOf, limit as limitClause, runSql, top } from '../database/sql.util';
import { MessageKeyEntity } from './message-key.entity';
import { MessagePartEntity, type PartKind } from './message-part.entity';
import { MessageEntity } from './message.entity';

/** All SQL about messages, their wrapped data keys and their encrypted parts. */
@Injectable()
export class MessageRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(
    tx: EntityManager,
    message: MessageEntity,
    wrappedKey: string,
    parts: MessagePartEntity[],
  ): Promise<void> {
    await insertEntities(tx, MessageEntity, [message]);
    await insertEntities(tx, MessageKeyEntity, [{ messageId: message.id, wrapped: wrappedKey }]);
    await insertEntities(tx, MessagePartEntity, parts);
  }

  byId(id: string, tx: EntityManager = this.db.manager): Promise<MessageEntity | null> {
    return selectEntity(tx, MessageEntity, 'id = ?', [id]);
  }

  /**
   * The message row, locked for the rest of the transaction on PostgreSQL (SQLite serialises
   * writers). Every decision about a message's content (is it still needed? delete it) takes this
   * lock first, so two recipients who answer at once see each other's answer.
   */
  async lock(tx: EntityManager, id: string): Promise<MessageEntity | null> {
    return tx.findOne(MessageEntity, {
      where: { id },
      ...(engineOf(tx) !== 'sqlite' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  recentOfOwner(ownerId: string, limit: number): Promise<MessageEntity[]> {
    return this.db.manager.find(MessageEntity, {
      where: { ownerId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  async wrappedKey(messageId: string): Promise<string | null> {
    const row = await selectEntity(this.db.manager, MessageKeyEntity, '"messageId" = ?', [
      messageId,
    ]);
    return row?.wrapped ?? null;
  }

  parts(messageId: string, tx: EntityManager = this.db.manager): Promise<MessagePartEntity[]> {
    return tx.find(MessagePartEntity, {
      where: { messageId },
      order: { kind: 'ASC', index: 'ASC' },
    });
  }

  part(messageId: string, kind: PartKind, index: number): Promise<MessagePartEntity | null> {
    return this.db.manager.findOne(MessagePartEntity, { where: { messageId, kind, index } });
  }

  /**
   * Destroys the content inside the caller's transaction if it is still stored: the wrapped key row
   * goes (crypto-shredding), the sealed subject and names go, the parts forget their blobs.
   * Returns the blob ids to remove after commit, or null when the content was already gone.
   */
  async destroyContent(tx: EntityManager, messageId: string, now: Date): Promise<string[] | null> {
    const won = await tx
      .createQueryBuilder()
      .update(MessageEntity)
      .set({ contentState: 'deleted', contentDeletedAt: now, sealedMeta: null, contentDueAt: null })
      .where('id = :id AND "contentState" = :stored', { id: messageId, stored: 'stored' })
      .execute();
    if ((won.affected ?? 0) !== 1) return null;
    const parts = await tx.find(MessagePartEntity, { where: { messageId } });
    await tx.delete(MessageKeyEntity, { messageId });
    if (parts.length)
      await tx.update(MessagePartEntity, { id: In(parts.map((p) => p.id)) }, { blobId: null });
    return parts.flatMap((p) => (p.blobId ? [p.blobId] : []));
  }

  /** Asks the sweep to look at the content again at `at` (or later, if a later time is set). */
  async reviewContentAt(tx: EntityManager, messageId: string, at: Date): Promise<void> {
    const iso = at.toISOString();
    await runSql(
      tx,
      `UPDATE messages SET "contentDueAt" = CASE WHEN "contentDueAt" IS NULL OR "contentDueAt" < ? THEN ? ELSE "contentDueAt" END
       WHERE id = ? AND "contentState" = 'stored'`,
      [iso, iso, messageId],
    );
  }

  async clearContentReview(tx: EntityManager, messageId: string): Promise<void> {
    await tx.update(MessageEntity, { id: messageId }, { contentDueAt: null });
  }

  /** Stored messages whose retrieval period has ended, oldest first (by the expiresAt index). */
  async expiredIds(now: Date, limit: number): Promise<string[]> {
    const engine = engineOf(this.db.manager);
    const { rows } = await runSql<{ id: string }>(
      this.db.manager,
      `SELECT ${top(engine)}id FROM messages WHERE "expiresAt" <= ? AND "contentState" = 'stored'
       ORDER BY "expiresAt" ${limitClause(engine)}`,
      engine === 'mssql' ? [limit, now.toISOString()] : [now.toISOString(), limit],
    );
    return rows.map((r) => r.id);
  }

  /** Stored messages due for another look (by the contentDueAt index). */
  async dueForReviewIds(now: Date, limit: number): Promise<string[]> {
    const engine = engineOf(this.db.manager);
    const { rows } = await runSql<{ id: string }>(
      this.db.manager,
      `SELECT ${top(engine)}id FROM messages WHERE "contentDueAt" <= ? AND "contentState" = 'stored'
       ORDER BY "contentDueAt" ${limitClause(engine)}`,
      engine === 'mssql' ? [limit, now.toISOString()] : [now.toISOString(), limit],
    );
    return rows.map((r) => r.id);
  }
}
