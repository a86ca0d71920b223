import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { MessagesModule } from '../messages/messages.module';
import { VaultModule } from '../vault/vault.module';
import { MailFlowModule } from '../policy/mail-flow/mail-flow.module';
import { SmtpConnector } from './smtp-connector.service';

/** The inbound SMTP connector that Exchange routes classified mail to. */
@Module({
  imports: [MessagesModule, MailFlowModule, VaultModule, HealthModule],
  providers: [SmtpConnector],
  exports: [SmtpConnector],
})
export class ConnectorModule {}
