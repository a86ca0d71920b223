import { Injectable } from '@nestjs/common';
import type { CeIdChannel, RecipientState } from '@zegel/shared';
import { EntityManager, In } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { insertEntities } from '../database/plain-insert';
import { selectEntity, selectWithJoins } from '../database/plain-select';
import { updateWhere } from '../database/plain-update';
import { engineOf, output, placeholders, returning, runSql } from '../database/sql.util';
import { PickupSessionEntity } from '../pickup/pickup-session.entity';
import { MessageKeyEntity } from './message-key.entity';
import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';

/**
 * All SQL about recipients' copies. A change of state is one conditional UPDATE from the allowed
 * states that reports whether it won; counters change atomically in the database.
 */
const SMS_COLUMNS = ['id', '"messageId"', 'address'];

/**
 * What a pickup request reads of a copy, its message and its session (`withMessageAndSession`, on
 * every read of the pickup API), and nothing more. The pickup's code sees these types, so a use of
 * a property left out fails to compile instead of reading undefined.
 */
export const PICKUP_FIELDS = {
  recipient: ['id', 'messageId', 'address', 'state', 'retainUntil'],
  message: ['id', 'sender', 'createdAt', 'expiresAt', 'sealedMeta', 'contentState', 'allowReplies'],
  session: ['id', 'recipientId', 'expiresAt'],
} as const;
export type PickupRecipient = Pick<RecipientEntity, (typeof PICKUP_FIELDS.recipient)[number]>;
export type PickupMessage = Pick<MessageEntity, (typeof PICKUP_FIELDS.message)[number]>;
export type PickupSession = Pick<PickupSessionEntity, (typeof PICKUP_FIELDS.session)[number]>;

/** A copy's message and, by its hash, a pickup session of that copy (`withMessageAndSession`). */
const SESSION_JOINS = [
  { entity: MessageEntity, on: 'b.id = a."messageId"', fields: PICKUP_FIELDS.message },
  {
    entity: PickupSessionEntity,
    on: 'c.id = ? AND c."recipientId" = a.id',
    fields: PICKUP_FIELDS.session,
  },
];
const MESSAGE_AND_KEY_JOINS = [
  { entity: MessageEntity, on: 'b.id = ?' },
  { entity: MessageKeyEntity, on: 'c."messageId" = b.id' },
];
const REPLY_COUNT = {
  replies: '(SELECT COUNT(*) FROM message_replies r WHERE r."recipientId" = a.id)',
};

@Injectable()
export class RecipientRepository {
  constructor(private readonly db: DatabaseService) {}

  insert(tx: EntityManager, rows: RecipientEntity[]): Promise<unknown> {
    return insertEntities(tx, RecipientEntity, rows);
  }

  byId(id: string, tx: EntityManager = this.db.manager): Promise<RecipientEntity | null> {
    return selectEntity(tx, RecipientEntity, 'id = ?', [id]);
  }

  byTokenHash(tokenHash: string): Promise<RecipientEntity | null> {
    return selectEntity(this.db.manager, RecipientEntity, '"tokenHash" = ?', [tokenHash]);
  }

  /**
   * The copy of this pickup token, its message (null once the message row is gone), the pickup
   * session of this hash if it belongs to this copy (null otherwise) and how many replies the copy
   * has sent, in one query. Whether the session is still valid is the caller's to judge. Only the
   * `PICKUP_FIELDS` are read.
   */
  async withMessageAndSession(
    tokenHash: string,
    sessionHash: string,
  ): Promise<{
    recipient: PickupRecipient;
    message: PickupMessage | null;
    session: PickupSession | null;
    replies: number;
  } | null> {
    const found = await selectWithJoins(
      this.db.manager,
      RecipientEntity,
      SESSION_JOINS,
      'a."tokenHash" = ?',
      [sessionHash, tokenHash],
      { values: REPLY_COUNT, fields: PICKUP_FIELDS.recipient },
    );
    return (
      found && {
        recipient: found.first,
        message: found.joined[0] as PickupMessage | null,
        session: found.joined[1] as PickupSession | null,
        replies: Number(found.values.replies ?? 0),
      }
    );
  }

  /**
   * A copy, its message and the message's wrapped data key (each null when gone), in one query: what
   * a job about this copy reads first.
   */
  async withMessageAndKey(
    id: string,
    messageId: string,
  ): Promise<{
    recipient: RecipientEntity | null;
    message: MessageEntity | null;
    wrappedKey: string | null;
  }> {
    const found = await selectWithJoins(
      this.db.manager,
      RecipientEntity,
      MESSAGE_AND_KEY_JOINS,
      'a.id = ?',
      [messageId, id],
    );
    return {
      recipient: found?.first ?? null,
      message: (found?.joined[0] as MessageEntity | null) ?? null,
      wrappedKey: (found?.joined[1] as MessageKeyEntity | null)?.wrapped ?? null,
    };
  }

  ofMessage(messageId: string, tx: EntityManager = this.db.manager): Promise<RecipientEntity[]> {
    return tx.find(RecipientEntity, { where: { messageId }, order: { address: 'ASC', id: 'ASC' } });
  }

  ofMessages(messageIds: string[]): Promise<RecipientEntity[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.db.manager.find(RecipientEntity, {
      where: { messageId: In(messageIds) },
      order: { address: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Moves the copy to `to` if it is in one of `from`, with further column changes. Returns whether
   * this caller won; false means another change got there first and nothing was written.
   */
  async transition(
    tx: EntityManager,
    id: string,
    from: readonly RecipientState[],
    to: RecipientState,
    changes: Partial<Pick<RecipientEntity, 'handedOverAt' | 'retainUntil' | 'failedAttempts'>> = {},
  ): Promise<boolean> {
    const changed = await updateWhere(
      tx,
      RecipientEntity,
      { ...changes, state: to, updatedAt: new Date() },
      `"id" = ? AND "state" IN (${placeholders(from.length)})`,
      [id, ...from],
    );
    return changed === 1;
  }

  /**
   * Counts one more code attempt on this copy before the code is judged, and returns the count
   * (0 when no such copy). Counting first means a burst of guesses cannot all be judged against
   * the same count; a right code gives its attempt back (`releaseAttempt`).
   */
  async reserveAttempt(id: string): Promise<number> {
    const { rows } = await this.db.transaction((tx) =>
      runSql<{ failedAttempts: number | string }>(
        tx,
        `UPDATE recipients SET "failedAttempts" = "failedAttempts" + 1
         ${output(engineOf(tx), ['"failedAttempts"'])}
         WHERE id = ? ${returning(engineOf(tx), ['"failedAttempts"'])}`,
        [id],
      ),
    );
    return rows.length ? Number(rows[0].failedAttempts) : 0;
  }

  releaseAttempt(tx: EntityManager, id: string): Promise<unknown> {
    return runSql(
      tx,
      `UPDATE recipients SET "failedAttempts" = "failedAttempts" - 1 WHERE id = ? AND "failedAttempts" > 0`,
      [id],
    );
  }

  /** A new CE-ID (and, with `tokenHash`, a new link) for a copy in one of `allowed`; the counter restarts. */
  async replaceCode(
    tx: EntityManager,
    id: string,
    allowed: readonly RecipientState[],
    codes: { ceIdHash: string; tokenHash?: string; channel: CeIdChannel },
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(RecipientEntity)
      .set({
        ceIdHash: codes.ceIdHash,
        ceIdChannel: codes.channel,
        ...(codes.tokenHash ? { tokenHash: codes.tokenHash } : {}),
        failedAttempts: 0,
        lostCodeAt: null,
        updatedAt: new Date(),
      })
      .where('id = :id', { id })
      .andWhere('state IN (:...allowed)', { allowed })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** A new pickup link for a copy still in one of `allowed` (the CE-ID stays); reports whether. */
  async replaceLink(
    tx: EntityManager,
    id: string,
    allowed: readonly RecipientState[],
    tokenHash: string,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(RecipientEntity)
      .set({ tokenHash, updatedAt: new Date() })
      .where('id = :id', { id })
      .andWhere('state IN (:...allowed)', { allowed })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** A direct-route copy still pending becomes a pickup copy with a fresh link and code. */
  async switchToPickup(
    tx: EntityManager,
    id: string,
    codes: { ceIdHash: string; tokenHash: string; channel: CeIdChannel },
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(RecipientEntity)
      .set({
        tokenHash: codes.tokenHash,
        ceIdHash: codes.ceIdHash,
        ceIdChannel: codes.channel,
        route: 'pickup',
        updatedAt: new Date(),
      })
      .where('id = :id AND state = :state AND route = :route', {
        id,
        state: 'pending',
        route: 'direct',
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Notes a lost-code report unless one was noted after `since`; false means too soon. */
  async noteLostCode(tx: EntityManager, id: string, now: Date, since: Date): Promise<boolean> {
    const r = await runSql(
      tx,
      `UPDATE recipients SET "lostCodeAt" = ? WHERE id = ? AND ("lostCodeAt" IS NULL OR "lostCodeAt" < ?)`,
      [now.toISOString(), id, since.toISOString()],
    );
    return r.affected === 1;
  }

  async recordSms(tx: EntityManager, id: string, reference: string, status: string): Promise<void> {
    await tx.update(RecipientEntity, { id }, { smsReference: reference, smsStatus: status });
  }

  /** A delivery report from the SMS provider: the copies whose status it changed (atomically). */
  async updateSmsStatus(
    tx: EntityManager,
    reference: string,
    status: string,
  ): Promise<Pick<RecipientEntity, 'id' | 'messageId' | 'address'>[]> {
    const { rows } = await runSql<Pick<RecipientEntity, 'id' | 'messageId' | 'address'>>(
      tx,
      `UPDATE recipients SET "smsStatus" = ?
       ${output(engineOf(tx), SMS_COLUMNS)}
       WHERE "smsReference" = ? AND ("smsStatus" IS NULL OR "smsStatus" <> ?)
       ${returning(engineOf(tx), SMS_COLUMNS)}`,
      [status, reference, status],
    );
    return rows;
  }
}
