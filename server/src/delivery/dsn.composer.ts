import { randomUUID } from 'node:crypto';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import { KIND_HEADER } from './mail-transport';

export interface DsnInput {
  from: string;
  /** The sender of the failed message: the DSN goes to them. */
  to: string;
  reportingMta: string;
  recipient: string;
  /** RFC 3463 status, e.g. 5.1.1. */
  status: string;
  /** The last SMTP reply or problem, for Diagnostic-Code. */
  diagnostic: string;
  remoteMta?: string;
  arrivalDate: Date;
  lastAttempt: Date;
  /** Zegel's message id, to find the message and its evidence. */
  messageId: string;
  originalMessageId: string;
}

const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 900);

/**
 * A delivery status notification (RFC 3464, multipart/report) telling the sender that a message
 * could not be delivered to one recipient. It carries headers only, never content.
 */
export function composeDsn(input: DsnInput): Mail.Options {
  const boundary = `zegel-dsn-${randomUUID()}`;
  const human = [
    `Your message could not be delivered to ${input.recipient}.`,
    '',
    `The recipient's mail server answered: ${clean(input.diagnostic)}`,
    '',
    `Zegel message ${input.messageId}; its status and evidence are in Zegel.`,
    '',
    `Uw bericht kon niet worden afgeleverd bij ${input.recipient}.`,
  ].join('\r\n');
  const status = [
    `Reporting-MTA: dns; ${input.reportingMta}`,
    `X-Zegel-Message-Id: ${input.messageId}`,
    `Arrival-Date: ${input.arrivalDate.toUTCString()}`,
    '',
    `Final-Recipient: rfc822; ${input.recipient}`,
    `Action: failed`,
    `Status: ${input.status}`,
    ...(input.remoteMta ? [`Remote-MTA: dns; ${input.remoteMta}`] : []),
    `Diagnostic-Code: smtp; ${clean(input.diagnostic)}`,
    `Last-Attempt-Date: ${input.lastAttempt.toUTCString()}`,
  ].join('\r\n');
  const headers = [
    `Message-ID: ${input.originalMessageId}`,
    `To: ${input.recipient}`,
    `Date: ${input.arrivalDate.toUTCString()}`,
  ].join('\r\n');
  const raw = [
    `From: ${input.from}`,
    `To: ${input.to}`,
    `Subject: Undeliverable: your message to ${input.recipient}`,
    `Date: ${input.lastAttempt.toUTCString()}`,
    `Message-ID: <${randomUUID()}@${input.reportingMta}>`,
    'Auto-Submitted: auto-replied',
    `${KIND_HEADER}: dsn`,
    `${LOOP_PREVENTION_HEADER}: 1`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    human,
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    status,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    headers,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return { envelope: { from: '', to: input.to }, raw };
}
