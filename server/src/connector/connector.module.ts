import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { MessagesModule } from '../messages/messages.module';
import { VaultModule } from '../vault/vault.module';
import { MailFlowModule } from '../policy/mail-flow/mail-flow.module';
import { ZegelConfig } from '../config/config';
import { AuthFailureLimiter, memoryAuthFailureLimiter } from './auth-failure.limiter';
import { SmtpAuthService } from './smtp-auth.service';
import { SmtpConnector } from './smtp-connector.service';

/** The inbound SMTP connector that Exchange routes classified mail to. */
@Module({
  imports: [MessagesModule, MailFlowModule, VaultModule, HealthModule],
  providers: [
    SmtpConnector,
    SmtpAuthService,
    {
      provide: AuthFailureLimiter,
      inject: [ZegelConfig],
      useFactory: (config: ZegelConfig) =>
        memoryAuthFailureLimiter(
          config.connector.authMaxFailures,
          config.connector.authLockMinutes * 60,
        ),
    },
  ],
  exports: [SmtpConnector],
})
export class ConnectorModule {}
