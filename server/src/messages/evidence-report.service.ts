import { Injectable } from '@nestjs/common';
import { BrandingService } from '../branding/branding.service';
import { ZegelConfig } from '../config/config';
import { buildEvidenceReportPdf } from '../evidence/evidence-report-pdf';
import type { EvidenceBundle } from '../evidence/verifier/bundle';

/** The evidence bundle as a PDF report, in the organisation's name. */
@Injectable()
export class EvidenceReportService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly branding: BrandingService,
  ) {}

  async build(bundle: EvidenceBundle): Promise<Buffer> {
    return buildEvidenceReportPdf({
      bundle,
      organisationName: (await this.branding.current()).organisationName,
      publicKeyUrl: `${this.config.publicUrl}/api/v1/evidence/public-key`,
    });
  }
}
