import type { SendCheckRefusalReason } from '@zegel/shared';
import type { UnlabelledPolicy } from '../common/addin-config';
import { domainOf, isInternal } from '../common/zegel-item';

export interface SendCheckInput {
  /** Every recipient: To, Cc and Bcc. */
  recipients: string[];
  userEmail: string;
  /** Extra internal domains from the configuration. */
  internalDomains: readonly string[];
  /** The X-Zegel-Classification header as the client reports it after a save. */
  header: string | undefined;
  /** The label the task pane recorded on the item. */
  labelRecord: string | undefined;
  /** The Zegel message id once this draft was sent registered. */
  sentRecord: string | undefined;
  policy: UnlabelledPolicy;
}

export type SendCheckReason = SendCheckRefusalReason;

export type SendCheckVerdict =
  { kind: 'allow' } | { kind: 'block' | 'warn'; reason: SendCheckReason; external: string[] };

/** Whether Outlook may send this mail as it is (pure; the Smart Alerts handler applies it). */
export function checkSend(input: SendCheckInput): SendCheckVerdict {
  const internal = [domainOf(input.userEmail), ...input.internalDomains].filter(Boolean);
  const external = input.recipients.filter((r) => !isInternal(r, internal));
  if (input.sentRecord) return { kind: 'block', reason: 'ALREADY_SENT', external };
  const header = input.header?.trim().toLowerCase() || undefined;
  const label = input.labelRecord?.trim().toLowerCase() || undefined;
  // The known quirk: setAsync reported success but the header did not stick. The transport rule
  // matches on the header, so the mail would leave without the routing its label asks for.
  if (label && header !== label) return { kind: 'block', reason: 'HEADER_NOT_PERSISTED', external };
  if (!header && external.length > 0 && input.policy !== 'allow')
    return { kind: input.policy, reason: 'UNLABELLED_EXTERNAL', external };
  return { kind: 'allow' };
}
