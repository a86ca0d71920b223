import { Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ZegelConfig } from '../config/config';
import { EvidenceModule } from '../evidence/evidence.module';
import { HealthModule } from '../health/health.module';
import { GraphMailTransport } from '../m365/graph-mail.transport';
import { M365Connection } from '../m365/m365.connection';
import { M365Module } from '../m365/m365.module';
import { MessagesCoreModule } from '../messages/messages-core.module';
import { PolicyModule } from '../policy/org-policy/policy.module';
import { QueueModule } from '../queue/queue.module';
import { SmartTlsService } from '../smarttls/smarttls.service';
import { VaultModule } from '../vault/vault.module';
import { AdminOutboxController } from './admin-outbox.controller';
import { CaptureTransport } from './capture-transport.adapter';
import { CmSmsProvider } from './cm-sms.adapter';
import { DirectDeliveryJob } from './direct-delivery.job';
import { DirectMxTransport } from './direct-mx-transport.adapter';
import { MailTransport } from './mail-transport';
import { NotificationJob } from './notification.job';
import { OutboundSettings, outboundSettings } from './outbound-settings';
import { OutboxService } from './outbox.service';
import { PickupFallback } from './pickup-fallback.service';
import { ReceiptJob } from './receipt.job';
import { RelayTransport } from './relay-transport.adapter';
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
    M365Module,
    MessagesCoreModule,
    EvidenceModule,
    VaultModule,
    QueueModule,
    PolicyModule,
    HealthModule,
  ],
  controllers: [AdminOutboxController, SmsStatusController],
  providers: [
    { provide: OutboundSettings, inject: [ZegelConfig], useFactory: outboundSettings },
    {
      provide: MailTransport,
      inject: [ZegelConfig, OutboundSettings, SmartTlsService, M365Connection],
      useFactory: (
        config: ZegelConfig,
        settings: OutboundSettings,
        smartTls: SmartTlsService,
        m365: M365Connection | null,
      ): MailTransport => {
        if (config.notify.outboundMode === 'graph' && m365)
          return new GraphMailTransport(m365.identity, m365.graph, m365.settings.mailbox);
        if (config.notify.outboundMode === 'direct')
          return new DirectMxTransport(smartTls, settings, settings.dkim);
        if (config.notify.outboundMode === 'relay')
          return new RelayTransport(
            config.notify.relayUrl!,
            config.notify.relayRequireTls,
            extraCa(config),
            settings.dkim,
          );
        return new CaptureTransport(join(config.dataDir, 'outbox'), settings.dkim);
      },
    },
    {
      provide: OutboxService,
      inject: [ZegelConfig],
      useFactory: (config: ZegelConfig) => new OutboxService(join(config.dataDir, 'outbox')),
    },
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
    SmsStatusService,
  ],
  exports: [MailTransport, SmsProvider, OutboxService, OutboundSettings],
})
export class DeliveryModule {}
