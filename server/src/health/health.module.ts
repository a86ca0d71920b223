import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsEndpoint } from './metrics-endpoint.service';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [HealthController],
  providers: [MetricsService, MetricsEndpoint],
  exports: [MetricsService],
})
export class HealthModule {}
