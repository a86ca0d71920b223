import { Module } from '@nestjs/common';
import { ClassificationRepository } from '../classifications/classification.repository';
import { ClassificationsAdminController } from '../classifications/classifications-admin.controller';
import { ClassificationsController } from '../classifications/classifications.controller';
import { ClassificationsService } from '../classifications/classifications.service';
import { EvidenceModule } from '../../evidence/evidence.module';
import { SettingsModule } from '../../settings/settings.module';
import { SmartTlsModule } from '../../smarttls/smarttls.module';
import { OrgPolicyController } from './org-policy.controller';
import { OrgPolicyService } from './org-policy.service';
import { PolicyPreflightService } from './policy-preflight.service';
import { PreflightController } from './preflight.controller';
import { RecentDomainsRepository } from './recent-domains.repository';
import { RecipientRouter } from './recipient-router.service';

/** The NTA 7516 ruleset in the server: the organisation's policy, the router and the preflight. */
@Module({
  imports: [SmartTlsModule, EvidenceModule, SettingsModule],
  controllers: [
    OrgPolicyController,
    PreflightController,
    ClassificationsController,
    ClassificationsAdminController,
  ],
  providers: [
    OrgPolicyService,
    RecipientRouter,
    ClassificationsService,
    ClassificationRepository,
    PolicyPreflightService,
    RecentDomainsRepository,
  ],
  exports: [OrgPolicyService, RecipientRouter, ClassificationsService, SmartTlsModule],
})
export class PolicyModule {}
