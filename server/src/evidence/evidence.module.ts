import { Module } from '@nestjs/common';
import { VaultModule } from '../vault/vault.module';
import { EventsController } from './events.controller';
import { EvidenceHooks } from './evidence-hooks';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [VaultModule],
  controllers: [EventsController],
  providers: [EvidenceService, EvidenceRepository, EvidenceHooks],
  exports: [EvidenceService, EvidenceHooks],
})
export class EvidenceModule {}
