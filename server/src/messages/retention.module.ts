import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { PickupModule } from '../pickup/pickup.module';
import { QueueModule } from '../queue/queue.module';
import { MessagesCoreModule } from './messages-core.module';
import { RetentionService } from './retention.service';

@Module({
  imports: [MessagesCoreModule, EvidenceModule, QueueModule, PickupModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
