import { Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { BrandingModule } from '../branding/branding.module';
import { ZegelConfig } from '../config/config';
import { EvidenceModule } from '../evidence/evidence.module';
import { HealthModule } from '../health/health.module';
import { MessagesCoreModule } from '../messages/messages-core.module';
import { PolicyModule } from '../policy/org-policy/policy.module';
import { QueueModule } from '../queue/queue.module';
import { TlsRptModule } from '../tlsrpt/tlsrpt.module';
import { VaultModule } from '../vault/vault.module';
import { AdminOutboxController } from './admin-outbox.controller';
import { CmSmsProvider } from './cm-sms.adapter';
import { DirectDeliveryJob } from './direct-delivery.job';
import { NotificationJob } from './notification.job';
import { OutboundMailModule } from './outbound-mail.module';
import { PickupFallback } from './pickup-fallback.service';
import { ReceiptJob } from './receipt.job';
import { ReplyDeliveryJob } from './reply-delivery.job';
import { SenderNoticeJob } from './sender-notice.job';
import { OutboxSmsProvider, SmsProvider } from './sms-provider';
import { SmsStatusController } from './sms-status.controller';
import { SmsStatusService } from './sms-status.service';

/** An SMS provider that refuses every text: configuration allows it only when no code goes by SMS. */
class NoSmsProvider extends SmsProvider {
  send(): never {
    throw new Error('no SMS provider is configured (ZEGEL_SMS_PROVIDER=none)');
  }
}

const extraCa = (config: ZegelConfig) =>
  config.smarttls.caFile
    ? [...rootCertificates, readFileSync(config.smarttls.caFile, 'utf8')]
    : undefined;

/** Zegel's own mail and texts, and the jobs that send them and deliver directly. */
@Module({
  imports: [
    OutboundMailModule,
    BrandingModule,
    MessagesCoreModule,
    EvidenceModule,
    VaultModule,
    QueueModule,
    PolicyModule,
    HealthModule,
    TlsRptModule,
    BrandingModule,
  ],
  controllers: [AdminOutboxController, SmsStatusController],
  providers: [
    {
      provide: SmsProvider,
      inject: [ZegelConfig],
      useFactory: (config: ZegelConfig): SmsProvider => {
        const sms = config.notify.sms;
        if (sms.provider === 'cm')
          return new CmSmsProvider({
            url: sms.cmUrl,
            productToken: sms.cmProductToken!,
            sender: sms.sender,
            ca: extraCa(config),
          });
        if (sms.provider === 'outbox')
          return new OutboxSmsProvider(join(config.dataDir, 'sms-outbox'));
        return new NoSmsProvider();
      },
    },
    NotificationJob,
    ReceiptJob,
    PickupFallback,
    DirectDeliveryJob,
    SenderNoticeJob,
    ReplyDeliveryJob,
    SmsStatusService,
  ],
  exports: [SmsProvider],
})
export class DeliveryModule {}
