import { Injectable } from '@nestjs/common';
import type { RecipientState } from '@zegel/shared';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { CeIdSecrets } from '../messages/ceid-secrets.service';
import { ContentService, partDigests } from '../messages/content.service';
import { MessageRepository } from '../messages/message.repository';
import { canReissue, TRANSITIONS } from '../messages/recipient-lifecycle.rules';
import { RecipientRepository } from '../messages/recipient.repository';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { JobQueue } from '../queue/job-queue';
import type { PickupContext } from './pickup-reader.service';

/** A recipient may tell the sender about a lost code this often per copy. */
const LOST_CODE_GAP_MS = 60 * 60_000;

/** The recipient's answers: accept or decline once, and "I lost my code". */
@Injectable()
export class PickupAnswers {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly recipients: RecipientRepository,
    private readonly messages: MessageRepository,
    private readonly secrets: CeIdSecrets,
    private readonly policies: OrgPolicyService,
  ) {}

  /**
   * Accept or decline. The state change, its evidence and the receipt job commit together; of two
   * answers at once exactly one wins and the other gets CONFLICT with nothing written.
   */
  async respond(
    ctx: PickupContext,
    decision: 'accept' | 'decline',
    ip: string,
  ): Promise<{ state: RecipientState }> {
    const now = new Date();
    const { downloadWindowHours } = await this.policies.pickupLimits();
    const { from, to } = TRANSITIONS[decision];
    const blobs = await this.db.transaction(async (tx) => {
      // The message row first, as every transaction that touches message and copy does.
      await this.messages.lock(tx, ctx.message.id);
      const retainUntil =
        decision === 'accept' ? new Date(now.getTime() + downloadWindowHours * 3_600_000) : null;
      const won = await this.recipients.transition(tx, ctx.recipient.id, from, to, {
        retainUntil,
      });
      if (!won) {
        const now = (await this.recipients.byId(ctx.recipient.id, tx))?.state;
        throw new ZegelError('CONFLICT', `This message can no longer be answered: it is ${now}.`);
      }
      const event = await this.evidence.record(tx, {
        type: decision === 'accept' ? 'ConsignmentAcceptance' : 'ConsignmentRejection',
        messageId: ctx.message.id,
        recipient: ctx.recipient.address,
        actor: `recipient:${ctx.recipient.address}`,
        ip,
        digests: partDigests(await this.messages.parts(ctx.message.id, tx)),
        reason: decision === 'accept' ? 'accepted by the recipient' : 'declined by the recipient',
      });
      await this.queue.enqueue(tx, 'send-receipt', {
        messageId: ctx.message.id,
        recipientId: ctx.recipient.id,
        eventId: event.id,
        eventType: event.type,
      });
      return this.content.closeIfUnneeded(
        tx,
        ctx.message.id,
        now,
        decision === 'decline'
          ? 'declined by the last recipient who needed it'
          : 'accepted; no grace period',
      );
    });
    await this.content.finalise(ctx.message.id, blobs);
    this.queue.poke();
    return { state: to };
  }

  /**
   * "I lost my code": the sender is asked by mail to issue a new one. Answers the same whether or
   * not the link exists, so it tells nothing; a copy reports at most once an hour.
   */
  async lostCode(token: string, ip: string): Promise<void> {
    const recipient = await this.recipients.byTokenHash(this.secrets.tokenHash(token));
    if (!recipient || !canReissue(recipient.state) || recipient.state === 'accepted') return;
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const fresh = await this.recipients.noteLostCode(
        tx,
        recipient.id,
        now,
        new Date(now.getTime() - LOST_CODE_GAP_MS),
      );
      if (!fresh) return;
      await this.evidence.record(tx, {
        type: 'ContentHandoverFailure',
        messageId: recipient.messageId,
        recipient: recipient.address,
        actor: `recipient:${recipient.address}`,
        ip,
        reason: 'the recipient reports the CE-ID lost; the sender is asked for a new one',
      });
      await this.queue.enqueue(tx, 'send-lost-code-notice', {
        messageId: recipient.messageId,
        recipientId: recipient.id,
      });
    });
    this.queue.poke();
  }
}
