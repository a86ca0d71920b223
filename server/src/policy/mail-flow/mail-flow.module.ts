import { Module } from '@nestjs/common';
import { EvidenceModule } from '../../evidence/evidence.module';
import { PolicyModule } from '../org-policy/policy.module';
import { MailFlowRuleRepository } from './mail-flow-rule.repository';
import { MailFlowController } from './mail-flow.controller';
import { MailFlowService } from './mail-flow.service';

@Module({
  imports: [EvidenceModule, PolicyModule],
  controllers: [MailFlowController],
  providers: [MailFlowService, MailFlowRuleRepository],
  exports: [MailFlowService],
})
export class MailFlowModule {}
