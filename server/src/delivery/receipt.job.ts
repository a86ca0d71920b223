import { Injectable, OnModuleInit } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import type { MessageEntity } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { RecipientRepository } from '../messages/recipient.repository';
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, type JobPayloads } from '../queue/job-types';
import { MailTransport } from './mail-transport';
import { OutboundSettings } from './outbound-settings';
import { composeReceipt } from './receipt.composer';

/** Sends the sender a receipt for a handover, acceptance, decline or expiry; once per job. */
@Injectable()
export class ReceiptJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly metrics: MetricsService,
    private readonly settings: OutboundSettings,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  onModuleInit(): void {
    this.queue.handle('send-receipt', (p, ctx) => this.run(p, ctx), { maxAttempts: 12 });
  }

  private async run(p: JobPayloads['send-receipt'], ctx: JobContext): Promise<void> {
    const [message, recipient, event] = await Promise.all([
      this.messages.byId(p.messageId),
      this.recipients.byId(p.recipientId),
      this.evidence.byId(p.eventId),
    ]);
    if (!message || !recipient || !event)
      throw new PermanentJobError('receipt subject no longer exists');
    await ctx.once('mail', async (effectId) => {
      await this.mail.send({
        ...composeReceipt({
          from: this.config.notify.mailFrom,
          to: message.sender,
          recipient: recipient.address,
          messageId: message.id,
          event,
          names: await this.attachmentNames(message),
        }),
        messageId: `<${effectId}@${this.settings.idDomain}>`,
      });
      this.metrics.outboundMail.inc({ kind: 'receipt', outcome: 'sent' });
    });
  }

  /**
   * Names are content: a receipt names the attachments only when the configuration allows it
   * (ZEGEL_RECEIPT_SHOW_NAMES) and while the content still exists; digests identify them otherwise.
   */
  private async attachmentNames(message: MessageEntity): Promise<Record<string, string>> {
    if (!this.config.notify.receiptShowsNames || message.contentState !== 'stored') return {};
    try {
      const meta = this.content.meta(message, await this.content.dataKey(message.id));
      return Object.fromEntries(meta.attachments.map((a, i) => [`attachment.${i}`, a.name]));
    } catch {
      return {};
    }
  }
}
