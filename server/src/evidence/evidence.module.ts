import { forwardRef, Module } from '@nestjs/common';
import { BrandingModule } from '../branding/branding.module';
import { VaultModule } from '../vault/vault.module';
import { EventsController } from './events.controller';
import { EvidenceBundleService } from './evidence-bundle.service';
import { EvidenceHooks } from './evidence-hooks';
import { EvidenceLogService } from './evidence-log.service';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { TimestampAuthorityClient } from './timestamp-authority.client';
import { VerifyController } from './verify.controller';

@Module({
  imports: [VaultModule, forwardRef(() => BrandingModule)],
  controllers: [EventsController, VerifyController],
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
