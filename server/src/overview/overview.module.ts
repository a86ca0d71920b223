import { Module } from '@nestjs/common';
import { ConnectorModule } from '../connector/connector.module';
import { PolicyModule } from '../policy/org-policy/policy.module';
import { QueueModule } from '../queue/queue.module';
import { OverviewController } from './overview.controller';
import { OverviewRepository } from './overview.repository';
import { OverviewService } from './overview.service';
import { ReadinessService } from './readiness.service';

/** The admin console's overview and SmartTLS readiness list; it reads what the others own. */
@Module({
  imports: [ConnectorModule, PolicyModule, QueueModule],
  controllers: [OverviewController],
  providers: [OverviewRepository, OverviewService, ReadinessService],
})
export class OverviewModule {}
