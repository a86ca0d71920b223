import { Module } from '@nestjs/common';
import { VaultModule } from '../vault/vault.module';
import { EventsController } from './events.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [VaultModule],
  controllers: [EventsController],
  providers: [EvidenceService, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
