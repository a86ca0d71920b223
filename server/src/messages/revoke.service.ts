import { Injectable } from '@nestjs/common';
import type { RecipientState, RevokeResponse } from '@zegel/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { ContentService } from './content.service';
import { actorOf, MessageQueries } from './message-queries.service';
import { MessageRepository } from './message.repository';
import { TRANSITIONS } from './recipient-lifecycle.rules';
import { RecipientRepository } from './recipient.repository';

const REVOCABLE: ReadonlySet<RecipientState> = new Set(TRANSITIONS.revoke.from);
/** The recipient saw the content: the message can no longer be withdrawn. */
const RETRIEVED: ReadonlySet<RecipientState> = new Set(['handed-over', 'accepted', 'declined']);

/** Which recipients a revocation kills, and whether it may happen at all. */
export function planRevocation(states: { address: string; state: RecipientState }[]): {
  revoke: string[];
  delivered: string[];
  retrieved: string[];
} {
  return {
    revoke: states.filter((r) => REVOCABLE.has(r.state)).map((r) => r.address),
    delivered: states.filter((r) => r.state === 'delivered').map((r) => r.address),
    retrieved: states.filter((r) => RETRIEVED.has(r.state)).map((r) => r.address),
  };
}

/**
 * Revocation of a message nobody has retrieved: every waiting copy is revoked by a conditional
 * change, the content is destroyed, and each withdrawal is evidence, all in one transaction. If a
 * recipient opens the message at the same moment, exactly one of the two wins.
 */
@Injectable()
export class RevokeService {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queries: MessageQueries,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  async revoke(
    user: AuthenticatedUser,
    id: string,
    ip: string | null,
    reason?: string,
  ): Promise<RevokeResponse> {
    const message = await this.queries.owned(user, id);
    const actor = actorOf(user, message, reason);
    const now = new Date();
    const { plan, blobs } = await this.db.transaction(async (tx) => {
      await this.messages.lock(tx, id);
      const copies = await this.recipients.ofMessage(id, tx);
      const plan = planRevocation(copies);
      if (plan.retrieved.length) {
        throw new ZegelError(
          'CONFLICT',
          `The message was already retrieved by ${plan.retrieved.join(', ')} and can no longer be revoked.`,
        );
      }
      if (!plan.revoke.length)
        throw new ZegelError('CONFLICT', 'No recipient is waiting for this message any more.');
      const { from, to } = TRANSITIONS.revoke;
      for (const copy of copies.filter((c) => REVOCABLE.has(c.state))) {
        if (!(await this.recipients.transition(tx, copy.id, from, to))) {
          throw new ZegelError(
            'CONFLICT',
            `${copy.address} opened the message just now; it can no longer be revoked.`,
          );
        }
        await this.evidence.record(tx, {
          type: 'SubmissionWithdrawal',
          messageId: id,
          recipient: copy.address,
          actor,
          ip,
          reason: [
            'revoked before retrieval; the pickup link no longer works',
            ...(reason?.trim() ? [reason.trim().slice(0, 300)] : []),
          ].join('; '),
        });
      }
      return { plan, blobs: await this.content.destroyWithin(tx, id, now, `revoked by ${actor}`) };
    });
    await this.content.finalise(id, blobs);
    return { id, revoked: plan.revoke, alreadyDelivered: plan.delivered };
  }
}
