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

/** What the rules look at: the envelope and what the MIME parser read. */
export interface MailSample {
  sender: string;
  recipients: string[];
  subject: string;
  /** The text body (or the HTML reduced to text). */
  body: string;
  /** Lower-cased names → values, in order. */
  headers: Record<string, string[]>;
  attachmentCount: number;
}
