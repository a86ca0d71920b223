import { Module } from '@nestjs/common';
import { BrandingModule } from '../branding/branding.module';
import { EvidenceModule } from './evidence.module';
import { VerifyController } from './verify.controller';

/**
 * The public page a receipt's verification link opens. It shows the organisation's branding, and
 * branding records its changes as evidence, so the page sits above both modules.
 */
@Module({
  imports: [EvidenceModule, BrandingModule],
  controllers: [VerifyController],
})
export class EvidenceVerifyPageModule {}
