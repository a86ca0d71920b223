import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ZegelConfig } from '../config/config';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import type { ReplyPart } from '../messages/message-reply.entity';
import { MessageReplyRepository } from '../messages/message-reply.repository';
import { MessageRepository } from '../messages/message.repository';
import { RecipientRepository } from '../messages/recipient.repository';
import {
  replyDigests,
  replyMetaContext,
  replyPartContext,
  type SealedReply,
} from '../messages/reply-content';
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, type JobPayloads } from '../queue/job-types';
import { VaultService } from '../vault/vault.service';
import { MailTransport } from './mail-transport';
import { OutboundSettings } from './outbound-settings';
import { composeReplyMail } from './reply.composer';

/**
 * Hands a secure reply to the sender's mailbox through the organisation's relay, once. When the
 * mail is handed over, the reply's key and ciphertext go and the handover is evidence; when it
 * cannot be delivered at all, the same happens with the failure recorded.
 */
@Injectable()
export class ReplyDeliveryJob implements OnModuleInit {
  private readonly logger = new Logger('reply');

  constructor(
    private readonly config: ZegelConfig,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly settings: OutboundSettings,
    private readonly metrics: MetricsService,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly replies: MessageReplyRepository,
  ) {}

  onModuleInit(): void {
    this.queue.handle('deliver-reply', (p, ctx) => this.deliver(p, ctx), {
      maxAttempts: 12,
      // The key goes with the failure; the ciphertext left behind can no longer be read.
      onGiveUp: async (p, error, tx) => {
        await this.close(tx, p.replyId, 'failed', error.message);
      },
    });
  }

  private async deliver(p: JobPayloads['deliver-reply'], ctx: JobContext): Promise<void> {
    const reply = await this.replies.byId(p.replyId);
    if (!reply) throw new PermanentJobError('reply no longer exists');
    if (reply.state !== 'stored' || !reply.wrappedKey || !reply.sealedMeta) return;
    const [message, recipient] = await Promise.all([
      this.messages.byId(reply.messageId),
      this.recipients.byId(reply.recipientId),
    ]);
    if (!message || !recipient) throw new PermanentJobError('message or recipient is gone');
    const key = await this.vault.openDataKey(reply.wrappedKey);
    const sealed = JSON.parse(
      this.vault.open(key, reply.sealedMeta, replyMetaContext(reply.id)).toString('utf8'),
    ) as SealedReply;
    const parts = JSON.parse(reply.parts) as ReplyPart[];
    let blobs: string[] = [];
    await ctx.once(
      'mail',
      async (effectId) => {
        await this.mail.send({
          ...composeReplyMail({
            from: this.config.notify.mailFrom,
            to: message.sender,
            recipient: recipient.address,
            subject: sealed.subject,
            text: sealed.text,
            receivedAt: reply.createdAt,
            messageId: message.id,
            digests: replyDigests(reply.textSha256, parts),
            attachments: parts.map((part, i) => ({
              ...sealed.attachments[i],
              content: this.vault.readPart({
                key,
                context: replyPartContext(reply.id, i),
                blobId: part.blobId,
              }),
            })),
          }),
          messageId: `<${effectId}@${this.settings.idDomain}>`,
        });
        this.metrics.outboundMail.inc({ kind: 'other', outcome: 'sent' });
      },
      async (tx) => {
        blobs = await this.close(tx, reply.id, 'delivered');
      },
    );
    await Promise.all(blobs.map((id) => this.vault.deletePart(id))).catch((error: unknown) =>
      this.logger.warn({ err: (error as Error).message }, 'could not remove reply ciphertext'),
    );
  }

  /** Stored → delivered/failed: the key goes, the outcome is evidence. Returns the blobs to remove. */
  private async close(
    tx: EntityManager,
    replyId: string,
    to: 'delivered' | 'failed',
    failure?: string,
  ): Promise<string[]> {
    const closed = await this.replies.close(tx, replyId, to, new Date());
    if (!closed) return [];
    const { reply, blobIds } = closed;
    const recipient = await this.recipients.byId(reply.recipientId, tx);
    await this.evidence.record(tx, {
      type: 'ReplyConsignment',
      messageId: reply.messageId,
      recipient: recipient?.address ?? null,
      actor: 'system',
      digests: replyDigests(reply.textSha256, JSON.parse(reply.parts) as ReplyPart[]),
      reason:
        to === 'delivered'
          ? `secure reply ${replyId} handed to the sender's mailbox through the relay; its content is deleted`
          : `secure reply ${replyId} could not be delivered to the sender (${failure ?? 'gave up'}); its content is deleted`,
    });
    return blobIds;
  }
}
