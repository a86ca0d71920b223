import { Module } from '@nestjs/common';
import { BrandingService } from './branding.service';

/** The organisation's branding, for the pages and the mails. */
@Module({ providers: [BrandingService], exports: [BrandingService] })
export class BrandingModule {}
