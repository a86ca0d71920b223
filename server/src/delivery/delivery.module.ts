import { Global, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ZegelConfig } from '../config/config';
import { MessagesModule } from '../messages/messages.module';
import { RevokeController } from '../messages/revoke.controller';
import { RevokeService } from '../messages/revoke.service';
import { AdminOutboxController } from './admin-outbox.controller';
import { CaptureTransport } from './capture-transport.adapter';
import { SmartTlsService } from '../smarttls/smarttls.service';
import { TlsRptModule } from '../tlsrpt/tlsrpt.module';
import { DatabaseJobQueue } from './database-job-queue.service';
import { DirectDeliveryJob } from './direct-delivery.job';
import { DirectMxTransport } from './direct-mx-transport.adapter';
import { OutboundSettings, outboundSettings } from './outbound-settings';
import { PickupFallback } from './pickup-fallback.service';
import { SenderNoticeJob } from './sender-notice.job';
import { JobQueue } from './job-queue';
import { MailTransport } from './mail-transport';
import { NotificationJob } from './notification.job';
import { OutboxService } from './outbox.service';
import { ReceiptJob } from './receipt.job';
import { RelayTransport } from './relay-transport.adapter';
import { OutboxSmsProvider, SmsProvider } from './sms-provider';

@Global()
@Module({
  imports: [MessagesModule, TlsRptModule],
  controllers: [AdminOutboxController, RevokeController],
  providers: [
    { provide: JobQueue, useClass: DatabaseJobQueue },
    { provide: OutboundSettings, inject: [ZegelConfig], useFactory: outboundSettings },
    {
      provide: MailTransport,
      inject: [ZegelConfig, OutboundSettings, SmartTlsService],
      useFactory: (
        config: ZegelConfig,
        settings: OutboundSettings,
        smartTls: SmartTlsService,
      ): MailTransport => {
        if (config.notify.outboundMode === 'direct')
          return new DirectMxTransport(smartTls, settings, settings.dkim);
        if (config.notify.outboundMode === 'relay')
          return new RelayTransport(
            config.notify.relayUrl!,
            config.notify.relayRequireTls,
            config.smarttls.caFile
              ? [...rootCertificates, readFileSync(config.smarttls.caFile, 'utf8')]
              : undefined,
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
      useFactory: (config: ZegelConfig) =>
        new OutboxSmsProvider(join(config.dataDir, 'sms-outbox')),
    },
    NotificationJob,
    ReceiptJob,
    PickupFallback,
    DirectDeliveryJob,
    SenderNoticeJob,
    RevokeService,
  ],
  exports: [JobQueue, MailTransport, SmsProvider, OutboxService, OutboundSettings],
})
export class DeliveryModule {}
