import { Injectable, OnModuleInit } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { MessageEntity } from '../messages/message.entity';
import { secretsContext, type RecipientSecrets } from '../messages/messages.service';
import { RecipientEntity } from '../messages/recipient.entity';
import { VaultService } from '../vault/vault.service';
import { JobQueue } from './job-queue';
import { PermanentJobError } from './job-types';
import { MailTransport } from './mail-transport';
import { composeCeIdSms, composeNotification } from './notification.composer';
import { SmsProvider } from './sms-provider';

/**
 * Sends a recipient the notification mail with the pickup link, and the CE-ID by SMS when that is
 * the channel. Idempotent: a recipient already notified is skipped, so a job run twice after a
 * crash sends nothing twice. On giving up, the failure is evidence and the sender's status shows it.
 */
@Injectable()
export class NotificationJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly content: ContentService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly sms: SmsProvider,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.queue.handle(
      'notify-recipient',
      (p) => this.run(p.messageId, p.recipientId, p.sealedSecrets),
      {
        maxAttempts: 12,
        onGiveUp: (p, error) => this.giveUp(p.messageId, p.recipientId, error),
      },
    );
  }

  private async run(messageId: string, recipientId: string, sealedSecrets: string): Promise<void> {
    const recipient = await this.db.manager.findOne(RecipientEntity, {
      where: { id: recipientId },
    });
    const message = await this.db.manager.findOne(MessageEntity, { where: { id: messageId } });
    if (!recipient || !message)
      throw new PermanentJobError('message or recipient no longer exists');
    if (recipient.state !== 'pending') return;
    if (message.contentState === 'deleted')
      throw new PermanentJobError('content was deleted before notification');
    const key = await this.content.dataKey(messageId);
    const secrets = JSON.parse(
      this.vault.open(key, sealedSecrets, secretsContext(messageId, recipientId)).toString('utf8'),
    ) as RecipientSecrets;
    const subject = this.config.notify.showSubject ? this.content.meta(message, key).subject : null;
    try {
      await this.mail.send(
        composeNotification({
          from: this.config.notify.mailFrom,
          to: recipient.address,
          sender: message.sender,
          subject,
          pickupUrl: `${this.config.publicUrl}/p/${secrets.token}`,
          expiresAt: message.expiresAt,
          ceIdChannel: recipient.ceIdChannel,
        }),
      );
      if (recipient.ceIdChannel === 'sms' && recipient.phone && secrets.ceId) {
        await this.sms.send(recipient.phone, composeCeIdSms(message.sender, secrets.ceId));
      }
      this.metrics.outboundMail.inc({ kind: 'notification', outcome: 'sent' });
    } catch (error) {
      this.metrics.outboundMail.inc({ kind: 'notification', outcome: 'failed' });
      throw error;
    }
    await this.db.transaction(async (m) => {
      await m.update(
        RecipientEntity,
        { id: recipientId, state: 'pending' },
        { state: 'notified', updatedAt: new Date() },
      );
      await this.evidence.record(m, {
        type: 'ConsignmentNotification',
        messageId,
        recipient: recipient.address,
        actor: 'system',
        reason:
          recipient.ceIdChannel === 'sms'
            ? 'notification mail sent; CE-ID sent by SMS'
            : 'notification mail sent; the sender passes the CE-ID on',
      });
    });
  }

  private async giveUp(messageId: string, recipientId: string, error: Error): Promise<void> {
    await this.db.transaction(async (m) => {
      const recipient = await m.findOne(RecipientEntity, { where: { id: recipientId } });
      if (!recipient || recipient.state !== 'pending') return;
      await m.update(
        RecipientEntity,
        { id: recipientId },
        { state: 'notification-failed', updatedAt: new Date() },
      );
      await this.evidence.record(m, {
        type: 'ConsignmentNotificationFailure',
        messageId,
        recipient: recipient.address,
        actor: 'system',
        reason: error.message.slice(0, 500),
      });
    });
  }
}
