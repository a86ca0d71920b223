import { Global, Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EvidenceService } from './evidence.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [EvidenceService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
