import { Injectable, OnModuleInit } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceEventEntity } from '../evidence/evidence-event.entity';
import { toView } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { MessageEntity } from '../messages/message.entity';
import { RecipientEntity } from '../messages/recipient.entity';
import { JobQueue } from './job-queue';
import { PermanentJobError } from './job-types';
import { MailTransport } from './mail-transport';
import { composeReceipt } from './receipt.composer';

/** Sends the sender a receipt for a handover, acceptance, decline or expiry. */
@Injectable()
export class ReceiptJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('send-receipt', (p) => this.run(p.messageId, p.recipientId, p.eventSeq), {
      maxAttempts: 12,
    });
  }

  private async run(messageId: string, recipientId: string, eventSeq: number): Promise<void> {
    const [message, recipient, event] = await Promise.all([
      this.db.manager.findOne(MessageEntity, { where: { id: messageId } }),
      this.db.manager.findOne(RecipientEntity, { where: { id: recipientId } }),
      this.db.manager.findOne(EvidenceEventEntity, { where: { seq: eventSeq } }),
    ]);
    if (!message || !recipient || !event)
      throw new PermanentJobError('receipt subject no longer exists');
    await this.mail.send(
      composeReceipt({
        from: this.config.notify.mailFrom,
        to: message.sender,
        recipient: recipient.address,
        messageId,
        event: toView(event),
        names: await this.attachmentNames(message),
      }),
    );
    this.metrics.outboundMail.inc({ kind: 'receipt', outcome: 'sent' });
  }

  /** Names are content: available while the content is, omitted after deletion. */
  private async attachmentNames(message: MessageEntity): Promise<Record<string, string>> {
    if (message.contentState !== 'stored') return {};
    try {
      const meta = this.content.meta(message, await this.content.dataKey(message.id));
      return Object.fromEntries(meta.attachments.map((a, i) => [`attachment.${i}`, a.name]));
    } catch {
      return {};
    }
  }
}
