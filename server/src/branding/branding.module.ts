import { forwardRef, Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { SettingsModule } from '../settings/settings.module';
import { BrandingAdminController, BrandingController } from './branding.controller';
import { BrandingService } from './branding.service';

/**
 * The organisation's branding, for the pages and the mails; kept in the database. Evidence and
 * branding need each other (changes are evidence; the verify page is branded), hence forwardRef.
 */
@Module({
  imports: [SettingsModule, forwardRef(() => EvidenceModule)],
  controllers: [BrandingController, BrandingAdminController],
  providers: [BrandingService],
  exports: [BrandingService],
})
export class BrandingModule {}
