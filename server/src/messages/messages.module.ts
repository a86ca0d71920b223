import { AdminMessagesController } from './admin-messages.controller';
import { MessageTracking } from './message-tracking.service';
import { TrackingRepository } from './tracking.repository';
import { BrandingModule } from '../branding/branding.module';
import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { HealthModule } from '../health/health.module';
import { PolicyModule } from '../policy/org-policy/policy.module';
import { QueueModule } from '../queue/queue.module';
import { VaultModule } from '../vault/vault.module';
import { CeIdController } from './ceid.controller';
import { CeIdService } from './ceid.service';
import { IntakeService } from './intake.service';
import { MessageQueries } from './message-queries.service';
import { MessagesController } from './messages.controller';
import { MessagesCoreModule } from './messages-core.module';
import { RecipientPhoneRepository } from './recipient-phone.repository';
import { RecipientPhonesController } from './recipient-phones.controller';
import { RecipientRegister } from './recipient-register.service';
import { RecipientPlanner } from './recipient-planner.service';
import { EvidenceReportService } from './evidence-report.service';
import { SendCheckController } from './send-check.controller';
import { RevokeController } from './revoke.controller';
import { RevokeService } from './revoke.service';
import { SubmissionCommitter } from './submission-committer.service';
import { SubmissionRejections } from './submission-rejections.service';

/** The sender's side: intake, what was sent, revocation, new codes; the recipient register. */
@Module({
  imports: [
    MessagesCoreModule,
    BrandingModule,
    EvidenceModule,
    VaultModule,
    QueueModule,
    PolicyModule,
    HealthModule,
  ],
  controllers: [
    MessagesController,
    SendCheckController,
    RevokeController,
    CeIdController,
    RecipientPhonesController,
    AdminMessagesController,
  ],
  providers: [
    IntakeService,
    EvidenceReportService,
    SubmissionCommitter,
    RecipientPlanner,
    RecipientPhoneRepository,
    RecipientRegister,
    MessageQueries,
    RevokeService,
    CeIdService,
    SubmissionRejections,
    TrackingRepository,
    MessageTracking,
  ],
  exports: [IntakeService, SubmissionRejections],
})
export class MessagesModule {}
