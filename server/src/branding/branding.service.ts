import { Injectable } from '@nestjs/common';
import type { Branding } from '@zegel/shared';
import { ZegelConfig } from '../config/config';

const EMPTY = { nl: '', en: '' };

/**
 * The organisation's branding for pages and mails. Today it comes from the configuration
 * (ZEGEL_ORG_*); the admin console keeps it in the database, versioned, with the configuration as
 * the first-start default. Callers ask each time, so a change shows in the next page and mail.
 */
@Injectable()
export class BrandingService {
  constructor(private readonly config: ZegelConfig) {}

  current(): Promise<Branding> {
    const b = this.config.branding;
    return Promise.resolve({
      organisationName: b.organisationName,
      logoUrl: b.logoFile ? '/api/v1/branding/logo' : null,
      primaryColour: b.primaryColour,
      supportPhone: b.supportPhone ?? null,
      supportUrl: b.supportUrl ?? null,
      texts: { notification: EMPTY, ceId: EMPTY, receipt: EMPTY },
    });
  }
}
