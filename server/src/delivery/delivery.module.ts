import { Global, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ZegelConfig } from '../config/config';
import { MessagesModule } from '../messages/messages.module';
import { AdminOutboxController } from './admin-outbox.controller';
import { CaptureTransport } from './capture-transport.adapter';
import { DatabaseJobQueue } from './database-job-queue.service';
import { JobQueue } from './job-queue';
import { MailTransport } from './mail-transport';
import { NotificationJob } from './notification.job';
import { OutboxService } from './outbox.service';
import { ReceiptJob } from './receipt.job';
import { RelayTransport } from './relay-transport.adapter';
import { OutboxSmsProvider, SmsProvider } from './sms-provider';

@Global()
@Module({
  imports: [MessagesModule],
  controllers: [AdminOutboxController],
  providers: [
    { provide: JobQueue, useClass: DatabaseJobQueue },
    {
      provide: MailTransport,
      inject: [ZegelConfig],
      useFactory: (config: ZegelConfig): MailTransport =>
        config.notify.outboundMode === 'relay'
          ? new RelayTransport(
              config.notify.relayUrl!,
              config.notify.relayRequireTls,
              config.smarttls.caFile
                ? [...rootCertificates, readFileSync(config.smarttls.caFile, 'utf8')]
                : undefined,
            )
          : new CaptureTransport(join(config.dataDir, 'outbox')),
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
  ],
  exports: [JobQueue, MailTransport, SmsProvider, OutboxService],
})
export class DeliveryModule {}
