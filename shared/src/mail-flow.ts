/**
 * The conditions of a mail-flow rule. Every condition that is set must hold; inside a list one
 * item is enough. Matching is case-insensitive.
 */
export interface MailFlowConditions {
  senderAddresses?: string[];
  senderDomains?: string[];
  /** At least one envelope recipient is in one of these domains. */
  recipientDomains?: string[];
  subjectKeywords?: string[];
  bodyKeywords?: string[];
  /** A header whose value contains the given text. */
  header?: { name: string; contains: string };
  /** Purview sensitivity label ids (GUIDs) as enabled in the msip_labels header. */
  msipLabelIds?: string[];
  hasAttachment?: boolean;
}

export type MailFlowConditionName = keyof MailFlowConditions;

export interface MailFlowRule {
  id: string;
  name: string;
  /** Lower runs first. */
  position: number;
  enabled: boolean;
  conditions: MailFlowConditions;
  /** The classification a matching mail gets (the X-Zegel-Classification value). */
  classification: string;
}

/** GET /api/v1/admin/mail-flow-rules: a rule with the version a change must name (If-Match). */
export interface MailFlowRuleView extends MailFlowRule {
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** POST (create) and PUT (replace, with If-Match) body. */
export interface MailFlowRuleInput {
  name: string;
  enabled: boolean;
  position?: number;
  conditions: MailFlowConditions;
  classification: string;
}

/** POST /api/v1/admin/mail-flow-rules/preview body: a sample message. */
export interface MailFlowSampleInput {
  sender: string;
  recipients: string[];
  subject?: string;
  body?: string;
  headers?: Record<string, string | string[]>;
  attachmentCount?: number;
}

export interface MailFlowRuleTrace {
  id: string;
  name: string;
  matched: boolean;
  /** The conditions that did not hold (empty for the rule that matched). */
  failed: MailFlowConditionName[];
}

export interface MailFlowPreview {
  classification: string | undefined;
  ruleId: string | undefined;
  /** Every enabled rule that ran, in order, up to and including the one that matched. */
  trace: MailFlowRuleTrace[];
}
