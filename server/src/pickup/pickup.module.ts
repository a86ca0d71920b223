import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { HealthModule } from '../health/health.module';
import { MessagesCoreModule } from '../messages/messages-core.module';
import { QueueModule } from '../queue/queue.module';
import { PickupAnswers } from './pickup-answer.service';
import { PickupAttemptRepository } from './pickup-attempt.repository';
import { PickupController } from './pickup.controller';
import { PickupReader } from './pickup-reader.service';
import { UnlockService } from './unlock.service';

/** The recipient's side: unlock with the CE-ID, read, download, answer. */
@Module({
  imports: [MessagesCoreModule, EvidenceModule, QueueModule, HealthModule],
  controllers: [PickupController],
  providers: [UnlockService, PickupReader, PickupAnswers, PickupAttemptRepository],
  exports: [PickupAttemptRepository],
})
export class PickupModule {}
