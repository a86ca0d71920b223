import { Module } from '@nestjs/common';
import { VaultModule } from '../vault/vault.module';
import { AdminEventsController } from './admin-events.controller';
import { EventsController } from './events.controller';
import { EvidenceBundleService } from './evidence-bundle.service';
import { EvidenceHooks } from './evidence-hooks';
import { EvidenceLogService } from './evidence-log.service';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { TimestampAuthorityClient } from './timestamp-authority.client';

@Module({
  imports: [VaultModule],
  controllers: [EventsController, AdminEventsController],
  providers: [
    EvidenceService,
    EvidenceRepository,
    EvidenceLogService,
    EvidenceBundleService,
    TimestampAuthorityClient,
    EvidenceHooks,
  ],
  exports: [EvidenceService, EvidenceLogService, EvidenceBundleService, EvidenceHooks],
})
export class EvidenceModule {}
