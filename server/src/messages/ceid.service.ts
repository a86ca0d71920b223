import { Injectable } from '@nestjs/common';
import type { NewCodeResponse } from '@zegel/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { JobQueue } from '../queue/job-queue';
import { VaultService } from '../vault/vault.service';
import { CeIdSecrets } from './ceid-secrets.service';
import { ContentService } from './content.service';
import { actorOf, MessageQueries } from './message-queries.service';
import {
  canReissue,
  REISSUABLE_STATES,
  RESENDABLE_STATES,
  TRANSITIONS,
} from './recipient-lifecycle.rules';
import type { RecipientEntity } from './recipient.entity';
import { RecipientRepository } from './recipient.repository';
import { sealSenderCodes, secretsContext, smsCodeContext } from './sealed-payloads';

const CONFLICT = (why: string) => new ZegelError('CONFLICT', why);

/**
 * New CE-IDs and unlocked copies. A new code voids the old one at once (the link stays); a locked
 * copy opens again. Both are conditional changes committed with their evidence and their mail or text.
 */
@Injectable()
export class CeIdService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly content: ContentService,
    private readonly queries: MessageQueries,
    private readonly recipients: RecipientRepository,
    private readonly secrets: CeIdSecrets,
  ) {}

  /**
   * Issues a new code. By SMS when the copy has a phone number and SMS is allowed; otherwise the
   * sender passes it on: returned here to the sender, or mailed to the sender when an admin acts.
   */
  async newCode(
    user: AuthenticatedUser,
    messageId: string,
    address: string,
    reason: string | undefined,
    ip: string | null,
  ): Promise<NewCodeResponse> {
    const message = await this.queries.owned(user, messageId);
    const actor = actorOf(user, message, reason);
    const copy = await this.copyOf(messageId, address);
    if (copy.route !== 'pickup')
      throw CONFLICT('This copy went straight into the inbox; it has no code.');
    if (!canReissue(copy.state))
      throw CONFLICT(`This copy is ${copy.state}; a new code would open nothing.`);
    const key = await this.content.dataKey(messageId);
    const { ceId, ceIdHash } = this.secrets.issue(copy.id);
    const channel = this.config.notify.ceIdChannel !== 'sender' && copy.phone ? 'sms' : 'sender';
    const toSender = channel === 'sender' && actor.startsWith('admin:');
    await this.db.transaction(async (tx) => {
      if (
        !(await this.recipients.replaceCode(tx, copy.id, REISSUABLE_STATES, { ceIdHash, channel }))
      ) {
        throw CONFLICT('The copy changed just now; try again.');
      }
      const { from, to } = TRANSITIONS['new-code-unlocks'];
      const unlocked = await this.recipients.transition(tx, copy.id, from, to);
      await this.evidence.record(tx, {
        type: 'CeIdReissue',
        messageId,
        recipient: copy.address,
        actor,
        ip,
        reason: [
          `new CE-ID by ${channel === 'sms' ? 'SMS' : 'the sender'}; the old one no longer works`,
          ...(unlocked ? ['the locked copy opens again'] : []),
          ...(reason?.trim() ? [reason.trim().slice(0, 300)] : []),
        ].join('; '),
      });
      if (channel === 'sms') {
        await this.queue.enqueue(tx, 'send-code-sms', {
          messageId,
          recipientId: copy.id,
          sealedCeId: this.vault.seal(key, ceId, smsCodeContext(messageId, copy.id)),
        });
      } else if (toSender) {
        await this.queue.enqueue(tx, 'send-codes-to-sender', {
          messageId,
          sealedCodes: sealSenderCodes(this.vault, key, messageId, [
            { recipientId: copy.id, ceId },
          ]),
          reason: 'new-code',
        });
      }
    });
    this.queue.poke();
    return {
      address: copy.address,
      ceIdChannel: channel,
      ...(channel === 'sender' && !toSender ? { ceId } : {}),
    };
  }

  /**
   * An admin sends a recipient the notification again, for a copy still open (notified, or the
   * first notification failed). It gets a new pickup link, so a lost or misdirected mail's link
   * stops working; the CE-ID stays. The new link, its evidence and the mail job commit together.
   */
  async resendNotification(
    user: AuthenticatedUser,
    messageId: string,
    address: string,
    reason: string,
    ip: string | null,
  ): Promise<void> {
    const message = await this.queries.owned(user, messageId);
    const copy = await this.copyOf(messageId, address);
    requireReason(reason, 'Say why the notification is sent again.');
    if (copy.route !== 'pickup')
      throw CONFLICT('This copy went straight into the inbox; it has no notification.');
    if (!RESENDABLE_STATES.includes(copy.state))
      throw CONFLICT(`This copy is ${copy.state}; it is no longer open for a new notification.`);
    const key = await this.content.dataKey(messageId);
    const { token, tokenHash } = this.secrets.issue(copy.id);
    await this.db.transaction(async (tx) => {
      if (!(await this.recipients.replaceLink(tx, copy.id, RESENDABLE_STATES, tokenHash)))
        throw CONFLICT('The copy changed just now; it is no longer open for a new notification.');
      await this.evidence.record(tx, {
        type: 'NotificationResend',
        messageId: message.id,
        recipient: copy.address,
        actor: `admin:${user.email}`,
        ip,
        reason: `notification sent again with a new link; the old link no longer works; ${reason
          .trim()
          .slice(0, 300)}`,
      });
      await this.queue.enqueue(tx, 'resend-notification', {
        messageId,
        recipientId: copy.id,
        sealedSecrets: this.vault.seal(
          key,
          JSON.stringify({ token }),
          secretsContext(messageId, copy.id),
        ),
      });
    });
    this.queue.poke();
  }

  /** An admin opens a locked copy again; the recipient's code works again and the count restarts. */
  async unlockCopy(
    user: AuthenticatedUser,
    messageId: string,
    address: string,
    reason: string,
    ip: string | null,
  ): Promise<void> {
    const message = await this.queries.owned(user, messageId);
    const copy = await this.copyOf(messageId, address);
    requireReason(reason, 'Say why the copy is unlocked.');
    await this.db.transaction(async (tx) => {
      const { from, to } = TRANSITIONS['unlock-by-admin'];
      if (!(await this.recipients.transition(tx, copy.id, from, to, { failedAttempts: 0 }))) {
        throw CONFLICT('This copy is not locked.');
      }
      await this.evidence.record(tx, {
        type: 'CopyUnlock',
        messageId: message.id,
        recipient: copy.address,
        actor: `admin:${user.email}`,
        ip,
        reason: reason.trim().slice(0, 500),
      });
    });
  }

  /** The message's copy for `address` (addresses compare in lower case), or 404. */
  private async copyOf(messageId: string, address: string): Promise<RecipientEntity> {
    const copy = (await this.recipients.ofMessage(messageId)).find(
      (r) => r.address === address.toLowerCase(),
    );
    if (!copy) throw new ZegelError('NOT_FOUND', 'No such recipient of this message.');
    return copy;
  }
}

/** An admin action on someone's message says why; the reason goes into the evidence. */
function requireReason(reason: string | undefined, ask: string): void {
  if (!reason?.trim())
    throw new ZegelError('VALIDATION_FAILED', ask, [
      { path: 'reason', message: 'is required', code: 'REQUIRED' },
    ]);
}
