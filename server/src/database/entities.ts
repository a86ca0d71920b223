import { EvidenceEventEntity } from '../evidence/evidence-event.entity';
import { EvidenceChainHeadEntity } from '../evidence/evidence-chain-head.entity';
import { EvidenceTreeHeadEntity } from '../evidence/evidence-tree-head.entity';
import { MessageReplyEntity } from '../messages/message-reply.entity';
import { MessageKeyEntity } from '../messages/message-key.entity';
import { MessagePartEntity } from '../messages/message-part.entity';
import { MessageEntity } from '../messages/message.entity';
import { RecipientEntity } from '../messages/recipient.entity';
import { PickupIpFailureEntity } from '../pickup/pickup-ip-failure.entity';
import { PickupSessionEntity } from '../pickup/pickup-session.entity';
import { MailFlowRuleEntity } from '../policy/mail-flow/mail-flow-rule.entity';
import { ClassificationEntity } from '../policy/classifications/classification.entity';
import { OrgPolicyEntity } from '../policy/org-policy/org-policy.entity';
import { JobEntity } from '../queue/job.entity';
import { JobOutboxEntity } from '../queue/job-outbox.entity';
import { RecipientPhoneEntity } from '../messages/recipient-phone.entity';
import { LeaderLockEntity } from './leader-lock.entity';
import { OrganisationSettingEntity } from '../settings/organisation-setting.entity';

import { TlsRptCountEntity } from '../tlsrpt/tlsrpt-count.entity';
import { TlsRptReportEntity } from '../tlsrpt/tlsrpt-report.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';
/**
 * Every entity of every domain, in one list for the data source and the migration generator.
 * A domain adds its entities here and generates a migration for each engine
 * (scripts/generate-migration.sh <Name>).
 */
export const ENTITIES = [
  MessageEntity,
  MessageKeyEntity,
  MessagePartEntity,
  RecipientEntity,
  PickupSessionEntity,
  PickupIpFailureEntity,
  EvidenceEventEntity,
  EvidenceChainHeadEntity,
  EvidenceTreeHeadEntity,
  JobEntity,
  JobOutboxEntity,
  MailFlowRuleEntity,
  OrgPolicyEntity,
  ClassificationEntity,
  LeaderLockEntity,
  RecipientPhoneEntity,
  TlsRptCountEntity,
  TlsRptReportEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  MessageReplyEntity,
  OrganisationSettingEntity,
];
