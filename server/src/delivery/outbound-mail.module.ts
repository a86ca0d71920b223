import { Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ZegelConfig } from '../config/config';
import { GraphMailTransport } from '../m365/graph-mail.transport';
import { M365Connection } from '../m365/m365.connection';
import { M365Module } from '../m365/m365.module';
import { SmartTlsModule } from '../smarttls/smarttls.module';
import { SmartTlsService } from '../smarttls/smarttls.service';
import { CaptureTransport } from './capture-transport.adapter';
import { DirectMxTransport } from './direct-mx-transport.adapter';
import { MailTransport } from './mail-transport';
import { OutboundSettings, outboundSettings } from './outbound-settings';
import { OutboxService } from './outbox.service';
import { RelayTransport } from './relay-transport.adapter';

const extraCa = (config: ZegelConfig) =>
  config.smarttls.caFile
    ? [...rootCertificates, readFileSync(config.smarttls.caFile, 'utf8')]
    : undefined;

/**
 * How Zegel's own mail leaves (capture outbox, relay, direct to MX, or Microsoft Graph), for every
 * module that sends some: the delivery jobs and TLS reporting.
 */
@Module({
  imports: [SmartTlsModule, M365Module],
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
  ],
  exports: [MailTransport, OutboxService, OutboundSettings],
})
export class OutboundMailModule {}
