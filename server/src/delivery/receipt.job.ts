import { Injectable, OnModuleInit } from '@nestjs/common';
import { BrandingService } from '../branding/branding.service';
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
import { buildReceiptPdf } from './receipt-pdf';
import { composeReceipt, verifyUrlOf } from './receipt.composer';

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
    private readonly branding: BrandingService,
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
    // The organisation chooses which outcomes send a receipt (ZEGEL_RECEIPT_EVENTS).
    if (!this.config.notify.receiptEvents.includes(event.type)) return;
    await ctx.once('mail', async (effectId) => {
      const branding = await this.branding.current();
      const names = await this.attachmentNames(message);
      const subject = await this.subjectOf(message);
      const trail = (await this.evidence.forMessage(message.id)).filter(
        (e) => e.seq <= event.seq && (e.recipient === null || e.recipient === recipient.address),
      );
      const verifyUrl = verifyUrlOf(this.config.publicUrl, event);
      const pdf = await buildReceiptPdf({
        branding,
        messageId: message.id,
        recipient: recipient.address,
        subject,
        event,
        trail,
        names,
        verifyUrl,
        publicKeyUrl: `${this.config.publicUrl}/api/v1/evidence/public-key`,
      });
      await this.mail.send({
        ...composeReceipt({
          from: this.config.notify.mailFrom,
          to: message.sender,
          recipient: recipient.address,
          messageId: message.id,
          event,
          names,
          subject,
          branding,
          publicUrl: this.config.publicUrl,
          verifyUrl,
          pdf,
        }),
        messageId: `<${effectId}@${this.settings.idDomain}>`,
      });
      this.metrics.outboundMail.inc({ kind: 'receipt', outcome: 'sent' });
    });
  }

  /** The subject is content: only when the configuration allows it and while the content exists. */
  private async subjectOf(message: MessageEntity): Promise<string | null> {
    if (!this.config.notify.receiptShowsSubject || message.contentState !== 'stored') return null;
    try {
      return this.content.meta(message, await this.content.dataKey(message.id)).subject;
    } catch {
      return null;
    }
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
