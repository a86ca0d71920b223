import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { HealthModule } from '../health/health.module';
import { MessagesCoreModule } from '../messages/messages-core.module';
import { PolicyModule } from '../policy/org-policy/policy.module';
import { QueueModule } from '../queue/queue.module';
import { VaultModule } from '../vault/vault.module';
import { PickupAnswers } from './pickup-answer.service';
import { PickupAttemptRepository } from './pickup-attempt.repository';
import { PickupController } from './pickup.controller';
import { PickupReader } from './pickup-reader.service';
import { ReplyService } from './reply.service';
import { UnlockService } from './unlock.service';

/** The recipient's side: unlock with the CE-ID, read, download, answer. */
@Module({
  imports: [
    MessagesCoreModule,
    EvidenceModule,
    QueueModule,
    HealthModule,
    VaultModule,
    PolicyModule,
  ],
  controllers: [PickupController],
  providers: [UnlockService, PickupReader, PickupAnswers, ReplyService, PickupAttemptRepository],
  exports: [PickupAttemptRepository],
})
export class PickupModule {}
