import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Branding } from '@zegel/shared';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BrandingService } from '../branding/branding.service';
import { ZegelConfig } from '../config/config';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import type { MessageEntity } from '../messages/message.entity';
import { RESENDABLE_STATES, TRANSITIONS } from '../messages/recipient-lifecycle.rules';
import type { RecipientEntity } from '../messages/recipient.entity';
import { RecipientRepository } from '../messages/recipient.repository';
import { secretsContext, type RecipientSecrets } from '../messages/sealed-payloads';
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, type JobPayloads } from '../queue/job-types';
import { VaultService } from '../vault/vault.service';
import { MailTransport } from './mail-transport';
import { composeCeIdSms, composeNotification } from './notification.composer';
import { OutboundSettings } from './outbound-settings';
import { SmsProvider } from './sms-provider';

/** A stable provider reference for one text of one job, whatever reruns. */
export const smsReference = (effectId: string) =>
  createHash('sha256').update(effectId).digest('hex').slice(0, 32);

/**
 * Sends a recipient the notification mail with the pickup link, and the CE-ID by SMS when that is
 * the channel. Each is a side effect recorded with the job, so a rerun after a crash sends neither
 * again; the mail's Message-ID comes from the job, so a repeat in the crash window is recognisable.
 */
@Injectable()
export class NotificationJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly vault: VaultService,
    private readonly content: ContentService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly sms: SmsProvider,
    private readonly metrics: MetricsService,
    private readonly settings: OutboundSettings,
    private readonly recipients: RecipientRepository,
    private readonly branding: BrandingService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('notify-recipient', (p, ctx) => this.run(p, ctx), {
      maxAttempts: 12,
      onGiveUp: (p, error, tx) => this.giveUp(p, error, tx),
    });
    this.queue.handle('resend-notification', (p, ctx) => this.resend(p, ctx), {
      maxAttempts: 12,
    });
  }

  private async run(p: JobPayloads['notify-recipient'], ctx: JobContext): Promise<void> {
    const { recipient, message, wrappedKey } = await this.recipients.withMessageAndKey(
      p.recipientId,
      p.messageId,
    );
    if (!recipient || !message)
      throw new PermanentJobError('message or recipient no longer exists');
    if (recipient.state !== 'pending') return;
    if (message.contentState === 'deleted')
      throw new PermanentJobError('content was deleted before notification');
    const key = await this.content.openKey(wrappedKey);
    const secrets = JSON.parse(
      this.vault
        .open(key, p.sealedSecrets, secretsContext(message.id, recipient.id))
        .toString('utf8'),
    ) as RecipientSecrets;
    const branding = await this.branding.current();
    const record = (reason: string) => (tx: EntityManager) =>
      this.evidence
        .record(tx, {
          type: 'ConsignmentNotification',
          messageId: message.id,
          recipient: recipient.address,
          actor: 'system',
          reason,
        })
        .then(() => undefined);
    await this.mailOnce(ctx, message, recipient, key, branding, secrets.token, p.why);
    if (recipient.ceIdChannel === 'sms' && recipient.phone && secrets.ceId) {
      let reference = '';
      await ctx.once(
        'sms',
        async (effectId) => {
          reference = (
            await this.sms.send(
              recipient.phone!,
              composeCeIdSms(message.sender, secrets.ceId!, branding.organisationName),
              smsReference(effectId),
            )
          ).reference;
        },
        async (tx) => {
          await this.recipients.recordSms(tx, recipient.id, reference, 'accepted');
          await record('CE-ID sent by SMS')(tx);
        },
      );
    }
    // The copy's move to notified and the evidence of the mail commit together. The mail went out
    // even when the copy moved on meanwhile (revoked, say), so the evidence is recorded either way
    // — under the job's lease, so a run that lost the job to another worker records nothing.
    await ctx.fenced(async (tx) => {
      const { from, to } = TRANSITIONS['notification-sent'];
      await this.recipients.transition(tx, recipient.id, from, to);
      await record(`notification mail with the pickup link sent to ${recipient.address}`)(tx);
    });
  }

  /**
   * The notification again, with the new link an admin's resend issued; the CE-ID is unchanged.
   * Sent once per job (the side-effect ledger); a copy opened or closed meanwhile gets nothing.
   */
  private async resend(p: JobPayloads['resend-notification'], ctx: JobContext): Promise<void> {
    const { recipient, message, wrappedKey } = await this.recipients.withMessageAndKey(
      p.recipientId,
      p.messageId,
    );
    if (!recipient || !message)
      throw new PermanentJobError('message or recipient no longer exists');
    if (!RESENDABLE_STATES.includes(recipient.state)) return;
    if (message.contentState === 'deleted')
      throw new PermanentJobError('content was deleted before the notification was resent');
    const key = await this.content.openKey(wrappedKey);
    const { token } = JSON.parse(
      this.vault
        .open(key, p.sealedSecrets, secretsContext(message.id, recipient.id))
        .toString('utf8'),
    ) as RecipientSecrets;
    const branding = await this.branding.current();
    await this.mailOnce(ctx, message, recipient, key, branding, token, undefined, async (tx) => {
      const { from, to } = TRANSITIONS['notification-resent'];
      await this.recipients.transition(tx, recipient.id, from, to);
      await this.evidence.record(tx, {
        type: 'ConsignmentNotification',
        messageId: message.id,
        recipient: recipient.address,
        actor: 'system',
        reason: `notification mail with a new pickup link sent again to ${recipient.address}`,
      });
    });
  }

  /**
   * The notification mail, at most once per job; `record` commits with the ledger entry. Takes the
   * data key and branding the caller already read, so a mail costs one key read, not two.
   */
  private async mailOnce(
    ctx: JobContext,
    message: MessageEntity,
    recipient: RecipientEntity,
    key: Buffer,
    branding: Branding,
    token: string,
    why: JobPayloads['notify-recipient']['why'],
    record?: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    const meta = this.content.meta(message, key);
    await ctx.once(
      'mail',
      async (effectId) => {
        await this.mail.send({
          ...composeNotification({
            mailFrom: this.config.notify.mailFrom,
            to: recipient.address,
            sender: message.sender,
            senderName: meta.senderName,
            branding,
            publicUrl: this.config.publicUrl,
            why,
            subject: this.config.notify.showSubject ? meta.subject : null,
            pickupUrl: `${this.config.publicUrl}/p/${token}`,
            expiresAt: message.expiresAt,
            ceIdChannel: recipient.ceIdChannel,
          }),
          messageId: `<${effectId}@${this.settings.idDomain}>`,
        });
        this.metrics.outboundMail.inc({ kind: 'notification', outcome: 'sent' });
      },
      record,
    );
  }

  /** Retries used up: the copy is marked, the failure is evidence, the sender's status shows it. */
  private async giveUp(
    p: JobPayloads['notify-recipient'],
    error: Error,
    tx: EntityManager,
  ): Promise<void> {
    this.metrics.outboundMail.inc({ kind: 'notification', outcome: 'failed' });
    const { from, to } = TRANSITIONS['notification-failed'];
    if (!(await this.recipients.transition(tx, p.recipientId, from, to))) return;
    const recipient = await this.recipients.byId(p.recipientId, tx);
    await this.evidence.record(tx, {
      type: 'ConsignmentNotificationFailure',
      messageId: p.messageId,
      recipient: recipient?.address ?? null,
      actor: 'system',
      reason: error.message.slice(0, 500),
    });
  }
}
