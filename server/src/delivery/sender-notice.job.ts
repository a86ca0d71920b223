import { Injectable, OnModuleInit } from '@nestjs/common';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { MessageEntity } from '../messages/message.entity';
import { RecipientEntity } from '../messages/recipient.entity';
import { VaultService } from '../vault/vault.service';
import { directMessageId } from './direct-message.composer';
import { composeDsn } from './dsn.composer';
import { JobQueue } from './job-queue';
import { PermanentJobError, type JobPayloads } from './job-types';
import { KIND_HEADER, MailTransport } from './mail-transport';
import { OutboundSettings } from './outbound-settings';
import { ceIdContext } from './pickup-fallback.service';

/** Mails to the sender about delivery: the DSN after a failure, the CE-ID after a fallback to pickup. */
@Injectable()
export class SenderNoticeJob implements OnModuleInit {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly mail: MailTransport,
    private readonly settings: OutboundSettings,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('send-dsn', (p) => this.dsn(p), { maxAttempts: 12 });
    this.queue.handle('send-ceid-to-sender', (p) => this.ceId(p), { maxAttempts: 12 });
  }

  private async load(messageId: string, recipientId: string) {
    const [message, recipient] = await Promise.all([
      this.db.manager.findOne(MessageEntity, { where: { id: messageId } }),
      this.db.manager.findOne(RecipientEntity, { where: { id: recipientId } }),
    ]);
    if (!message || !recipient)
      throw new PermanentJobError('message or recipient no longer exists');
    return { message, recipient };
  }

  private async dsn(p: JobPayloads['send-dsn']): Promise<void> {
    const { message, recipient } = await this.load(p.messageId, p.recipientId);
    await this.mail.send(
      composeDsn({
        from: this.config.notify.mailFrom,
        to: message.sender,
        reportingMta: this.settings.ehloName,
        recipient: recipient.address,
        status: p.status,
        diagnostic: p.diagnostic,
        remoteMta: p.remoteMta,
        arrivalDate: message.createdAt,
        lastAttempt: recipient.updatedAt,
        messageId: message.id,
        originalMessageId: directMessageId(message.id, this.settings.idDomain),
      }),
    );
    this.metrics.outboundMail.inc({ kind: 'dsn', outcome: 'sent' });
  }

  private async ceId(p: JobPayloads['send-ceid-to-sender']): Promise<void> {
    const { message, recipient } = await this.load(p.messageId, p.recipientId);
    if (message.contentState !== 'stored') return;
    const key = await this.content.dataKey(message.id);
    const code = this.vault
      .open(key, p.sealedCeId, ceIdContext(message.id, recipient.id))
      .toString('utf8');
    const text = [
      `Your confidential message could not be delivered safely into the inbox of ${recipient.address}.`,
      `${recipient.address} gets a pickup link instead. Pass this code on by phone or in person (never by e-mail to the recipient):`,
      '',
      `    ${code}`,
      '',
      `Uw vertrouwelijke bericht kon niet veilig in de inbox van ${recipient.address} worden afgeleverd.`,
      `${recipient.address} krijgt in plaats daarvan een ophaallink. Geef deze code telefonisch of persoonlijk door: ${code}`,
    ].join('\n');
    await this.mail.send({
      from: this.config.notify.mailFrom,
      to: message.sender,
      subject: `Pickup code for ${recipient.address} / Ophaalcode voor ${recipient.address}`,
      text,
      headers: {
        [KIND_HEADER]: 'other',
        [LOOP_PREVENTION_HEADER]: 'notification',
        'Auto-Submitted': 'auto-generated',
      },
    });
    this.metrics.outboundMail.inc({ kind: 'other', outcome: 'sent' });
  }
}
