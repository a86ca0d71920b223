import { Injectable } from '@nestjs/common';
import type { RecipientState, RevokeResponse } from '@zegel/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { ContentService } from './content.service';
import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';

/** Not yet retrieved: the link can still be killed. */
const REVOCABLE: ReadonlySet<RecipientState> = new Set([
  'pending',
  'notified',
  'notification-failed',
  'locked',
]);
/** The recipient saw the content: the message can no longer be withdrawn. */
const RETRIEVED: ReadonlySet<RecipientState> = new Set(['handed-over', 'accepted', 'declined']);

/** The sender decides which recipients a revocation kills and whether it may happen at all. */
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
 * Sender revocation of a message nobody has retrieved: every waiting recipient's link dies, the
 * content is destroyed (its key first), and each withdrawal is evidence. Jobs still queued for the
 * message find their recipient revoked and send nothing.
 */
@Injectable()
export class RevokeService {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
  ) {}

  async revoke(user: AuthenticatedUser, id: string, ip: string | null): Promise<RevokeResponse> {
    const outcome = await this.db.transaction(async (m) => {
      const message = /^[0-9a-f-]{36}$/.test(id)
        ? await m.findOne(MessageEntity, { where: { id } })
        : null;
      if (!message || (message.sender !== user.email && !user.roles.includes('admin'))) {
        throw new ZegelError('NOT_FOUND', 'No such message.');
      }
      const recipients = await m.find(RecipientEntity, {
        where: { messageId: id },
        order: { address: 'ASC' },
      });
      const plan = planRevocation(recipients);
      if (plan.retrieved.length) {
        throw new ZegelError(
          'CONFLICT',
          `The message was already retrieved by ${plan.retrieved.join(', ')} and can no longer be revoked.`,
        );
      }
      if (!plan.revoke.length) {
        throw new ZegelError('CONFLICT', 'No recipient is waiting for this message any more.');
      }
      const now = new Date();
      for (const r of recipients.filter((x) => plan.revoke.includes(x.address))) {
        await m.update(RecipientEntity, { id: r.id }, { state: 'revoked', updatedAt: now });
        await this.evidence.record(m, {
          type: 'SubmissionWithdrawal',
          messageId: id,
          recipient: r.address,
          actor: `sender:${user.email}`,
          ip,
          reason: 'revoked by the sender before retrieval; the pickup link no longer works',
        });
      }
      const blobIds = await this.content.destroyWithin(m, id, 'revoked by the sender');
      return { plan, blobIds };
    });
    await this.content.removeBlobs(id, outcome.blobIds);
    return { id, revoked: outcome.plan.revoke, alreadyDelivered: outcome.plan.delivered };
  }
}
