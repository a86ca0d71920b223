import { Module } from '@nestjs/common';
import { BrandingModule } from '../branding/branding.module';
import { VaultModule } from '../vault/vault.module';
import { EventsController } from './events.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { VerifyController } from './verify.controller';

@Module({
  imports: [VaultModule, BrandingModule],
  controllers: [EventsController, VerifyController],
  providers: [EvidenceService, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
