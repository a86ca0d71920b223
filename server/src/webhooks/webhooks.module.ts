import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { QueueModule } from '../queue/queue.module';
import { VaultModule } from '../vault/vault.module';
import { WebhookDeliveryJob } from './webhook-delivery.job';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookRepository } from './webhook.repository';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Signed webhooks of evidence events for the SOC and workflows: admin API, outbox, delivery. */
@Module({
  imports: [EvidenceModule, QueueModule, VaultModule],
  controllers: [WebhooksController],
  providers: [
    WebhookRepository,
    WebhookSecrets,
    WebhooksService,
    WebhookOutbox,
    WebhookDeliveryJob,
  ],
})
export class WebhooksModule {}
