import type { EvidenceEventView } from '@zegel/shared';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import { KIND_HEADER } from './mail-transport';

export interface ReceiptInput {
  from: string;
  to: string;
  recipient: string;
  messageId: string;
  event: EvidenceEventView;
  /** Attachment names by digest key (`attachment.0` → name), while the sender's copy of them exists. */
  names: Record<string, string>;
}

const WHAT: Record<string, string> = {
  ContentHandover: 'opened the message (content handed over)',
  ConsignmentAcceptance: 'accepted the message',
  ConsignmentRejection: 'declined the message; its content has been deleted',
  AcceptanceRejectionExpiry:
    'did not collect the message before the retrieval period ended; its content has been deleted',
  ConsignmentNotificationFailure: 'could not be notified',
};

/**
 * The sender's receipt for one evidence event: who, what, when, and the SHA-256 of every part, so
 * the sender can show later exactly what was handed over. The evidence record's hash and signature
 * are included; the full record is in the sender's status view and the events API.
 */
export function composeReceipt(input: ReceiptInput): Mail.Options {
  const what = WHAT[input.event.type] ?? input.event.type;
  const digests = Object.entries(input.event.digests)
    .map(([part, sha]) => `  ${part}${input.names[part] ? ` (${input.names[part]})` : ''}: ${sha}`)
    .join('\n');
  const text = [
    `Receipt for registered message ${input.messageId}`,
    `${input.recipient} ${what}.`,
    `Time: ${input.event.time}`,
    `Evidence: ${input.event.type} (http://uri.etsi.org/19522/Event/${input.event.type})`,
    `Evidence record: #${input.event.seq}, id ${input.event.id}`,
    `Record hash (SHA-256): ${input.event.hash}`,
    `Signature (Ed25519): ${input.event.signature}`,
    digests ? `SHA-256 of the parts:\n${digests}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    from: input.from,
    to: input.to,
    subject: `Receipt: ${input.recipient} ${what.split(';')[0]}`,
    text,
    headers: {
      [KIND_HEADER]: 'receipt',
      [LOOP_PREVENTION_HEADER]: 'receipt',
      'Auto-Submitted': 'auto-generated',
      'X-Zegel-Message-Id': input.messageId,
      'X-Zegel-Evidence': input.event.type,
    },
  };
}
