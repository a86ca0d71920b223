import { forwardRef, Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { SettingsModule } from '../settings/settings.module';
import { BrandingAdminController, BrandingController } from './branding.controller';
import { BrandingService } from './branding.service';

/** The organisation's branding, for the pages and the mails; kept in the database. */
@Module({
  // The two modules need each other (evidence pages are branded; branding changes are evidence).
  imports: [SettingsModule, forwardRef(() => EvidenceModule)],
  controllers: [BrandingController, BrandingAdminController],
  providers: [BrandingService],
  exports: [BrandingService],
})
export class BrandingModule {}
