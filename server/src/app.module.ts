import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { migrate } from './database/migrations.runner';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { loggerParams } from './common/logging';
import { ZegelConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { AuthModule } from './auth/auth.module';
import { BrandingModule } from './branding/branding.module';
import { ConnectorModule } from './connector/connector.module';
import { MailFlowModule } from './policy/mail-flow/mail-flow.module';
import { ExchangeModule } from './policy/exchange/exchange.module';
import { DatabaseModule } from './database/database.module';
import { DeliveryModule } from './delivery/delivery.module';
import { QueueModule } from './queue/queue.module';
import { EvidenceModule } from './evidence/evidence.module';
import { EvidenceVerifyPageModule } from './evidence/evidence-verify-page.module';
import { HealthModule } from './health/health.module';
import { GraphIntakeModule } from './m365/graph-intake.module';
import { M365Module } from './m365/m365.module';
import { MessagesModule } from './messages/messages.module';
import { RetentionModule } from './messages/retention.module';
import { PickupModule } from './pickup/pickup.module';
import { PolicyModule } from './policy/org-policy/policy.module';
import { OverviewModule } from './overview/overview.module';
import { OrphanSweepModule } from './vault/orphan-sweep.module';
import { VaultModule } from './vault/vault.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The whole server; each domain is one module (see docs/architecture.md). */
@Module({})
export class AppModule {
  /** `logger` is the root logger, the one the app factory's request log writes to as well. */
  static forRoot(config: ZegelConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(logger)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource, config.database.migrate);
            return dataSource;
          },
        }),
        DatabaseModule,
        HealthModule,
        // Express tries routes in the order modules are listed, about a microsecond per route that
        // does not match: the pickup API, read by every recipient, comes before the admin's routes.
        PickupModule,
        AuthModule,
        VaultModule,
        OrphanSweepModule,
        EvidenceModule,
        BrandingModule,
        EvidenceVerifyPageModule,
        PolicyModule,
        QueueModule,
        M365Module,
        DeliveryModule,
        MessagesModule,
        RetentionModule,
        MailFlowModule,
        ConnectorModule,
        ExchangeModule,
        GraphIntakeModule,
        WebhooksModule,
        OverviewModule,
      ],
    };
  }
}
