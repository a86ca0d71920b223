export type { MailFlowConditions, MailFlowRule } from '@zegel/shared';

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
