import { Module } from '@nestjs/common';
import { PickupModule } from '../pickup/pickup.module';
import { MessagesModule } from './messages.module';
import { RetentionService } from './retention.service';

@Module({
  imports: [MessagesModule, PickupModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
