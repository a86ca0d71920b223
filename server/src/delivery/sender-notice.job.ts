import { Injectable, OnModuleInit } from '@nestjs/common';
import { BrandingService } from '../branding/branding.service';
import { ZegelConfig } from '../config/config';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { MessageRepository } from '../messages/message.repository';
import { RecipientRepository } from '../messages/recipient.repository';
import { openSenderCodes, smsCodeContext } from '../messages/sealed-payloads';
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, type JobPayloads } from '../queue/job-types';
import { VaultService } from '../vault/vault.service';
import { directMessageId } from './direct-message.composer';
import { composeDsn } from './dsn.composer';
import { MailTransport } from './mail-transport';
import { composeCeIdSms } from './notification.composer';
import { smsReference } from './notification.job';
import { OutboundSettings } from './outbound-settings';
import { composeLostCodeNotice, composeSenderCodes } from './sender-notice.composer';
import { SmsProvider } from './sms-provider';

/**
 * Mails to the sender about a message — the DSN after a failed delivery, the codes to pass on, a
 * lost-code report — and a new code by SMS. Each is sent once per job.
 */
@Injectable()
export class SenderNoticeJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly vault: VaultService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly sms: SmsProvider,
    private readonly settings: OutboundSettings,
    private readonly metrics: MetricsService,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly branding: BrandingService,
  ) {}

  onModuleInit(): void {
    const retry = { maxAttempts: 12 };
    this.queue.handle('send-dsn', (p, ctx) => this.dsn(p, ctx), retry);
    this.queue.handle('send-codes-to-sender', (p, ctx) => this.codes(p, ctx), retry);
    this.queue.handle('send-lost-code-notice', (p, ctx) => this.lostCode(p, ctx), retry);
    this.queue.handle('send-code-sms', (p, ctx) => this.codeSms(p, ctx), retry);
  }

  private async load(messageId: string, recipientId?: string) {
    const [message, recipient] = await Promise.all([
      this.messages.byId(messageId),
      recipientId ? this.recipients.byId(recipientId) : Promise.resolve(null),
    ]);
    if (!message || (recipientId && !recipient))
      throw new PermanentJobError('message or recipient no longer exists');
    return { message, recipient };
  }

  private send(ctx: JobContext, mail: Parameters<MailTransport['send']>[0]): Promise<void> {
    return ctx.once('mail', async (effectId) => {
      await this.mail.send({ ...mail, messageId: `<${effectId}@${this.settings.idDomain}>` });
      this.metrics.outboundMail.inc({ kind: 'other', outcome: 'sent' });
    });
  }

  private async dsn(p: JobPayloads['send-dsn'], ctx: JobContext): Promise<void> {
    const { message, recipient } = await this.load(p.messageId, p.recipientId);
    await this.send(
      ctx,
      composeDsn({
        from: this.config.notify.mailFrom,
        to: message.sender,
        reportingMta: this.settings.ehloName,
        recipient: recipient!.address,
        status: p.status,
        diagnostic: p.diagnostic,
        remoteMta: p.remoteMta,
        arrivalDate: message.createdAt,
        lastAttempt: recipient!.updatedAt,
        messageId: message.id,
        originalMessageId: directMessageId(message.id, this.settings.idDomain),
      }),
    );
  }

  private async codes(p: JobPayloads['send-codes-to-sender'], ctx: JobContext): Promise<void> {
    const { message } = await this.load(p.messageId);
    if (message.contentState !== 'stored') return;
    const key = await this.content.dataKey(message.id);
    const copies = await this.recipients.ofMessage(message.id);
    const codes = openSenderCodes(this.vault, key, message.id, p.sealedCodes).flatMap((c) => {
      const copy = copies.find((r) => r.id === c.recipientId);
      return copy ? [{ address: copy.address, ceId: c.ceId }] : [];
    });
    if (!codes.length) return;
    await this.send(
      ctx,
      composeSenderCodes({
        from: this.config.notify.mailFrom,
        to: message.sender,
        reason: p.reason,
        codes,
        branding: await this.branding.current(),
        publicUrl: this.config.publicUrl,
      }),
    );
  }

  private async lostCode(p: JobPayloads['send-lost-code-notice'], ctx: JobContext): Promise<void> {
    const { message, recipient } = await this.load(p.messageId, p.recipientId);
    await this.send(
      ctx,
      composeLostCodeNotice({
        from: this.config.notify.mailFrom,
        to: message.sender,
        recipient: recipient!.address,
        messageId: message.id,
        publicUrl: this.config.publicUrl,
        branding: await this.branding.current(),
      }),
    );
  }

  private async codeSms(p: JobPayloads['send-code-sms'], ctx: JobContext): Promise<void> {
    const { message, recipient } = await this.load(p.messageId, p.recipientId);
    if (!recipient!.phone || message.contentState !== 'stored') return;
    const key = await this.content.dataKey(message.id);
    const ceId = this.vault
      .open(key, p.sealedCeId, smsCodeContext(message.id, recipient!.id))
      .toString('utf8');
    let reference = '';
    await ctx.once(
      'sms',
      async (effectId) => {
        reference = (
          await this.sms.send(
            recipient!.phone!,
            composeCeIdSms(message.sender, ceId, (await this.branding.current()).organisationName),
            smsReference(effectId),
          )
        ).reference;
      },
      (tx) => this.recipients.recordSms(tx, recipient!.id, reference, 'accepted'),
    );
  }
}
