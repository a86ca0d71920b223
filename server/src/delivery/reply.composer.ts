import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import type { Readable } from 'node:stream';
import { KIND_HEADER } from './mail-transport';

export interface ReplyMailInput {
  from: string;
  /** The sender of the original message. */
  to: string;
  recipient: string;
  subject: string;
  text: string;
  receivedAt: Date;
  messageId: string;
  digests: Record<string, string>;
  attachments: { name: string; contentType: string; content: Readable }[];
}

/**
 * The recipient's secure reply as a mail to the sender's own mailbox, through the organisation's
 * relay. It carries no Reply-To to the recipient: an answer goes back through Zegel, never as
 * ordinary mail. Dutch first, then English; the reply text itself as the recipient wrote it.
 */
export function composeReplyMail(input: ReplyMailInput): Mail.Options {
  const when = input.receivedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const digests = Object.entries(input.digests)
    .map(([name, sha]) => `    ${name}: ${sha}`)
    .join('\n');
  return {
    from: input.from,
    to: input.to,
    subject: `Beveiligd antwoord / Secure reply: ${input.subject}`.slice(0, 900),
    text: [
      `${input.recipient} heeft via de ophaalpagina van Zegel geantwoord op uw bericht (${when}). Het antwoord staat hieronder; bijlagen zijn bijgevoegd. Antwoord op uw beurt weer beveiligd, niet met gewone e-mail.`,
      `${input.recipient} replied to your message through the Zegel pickup page (${when}). The reply is below; attachments are attached. Answer securely in turn, not by ordinary e-mail.`,
      '———',
      input.text,
      '———',
      `SHA-256:\n${digests}\nMessage id: ${input.messageId}`,
    ].join('\n\n'),
    attachments: input.attachments.map((a) => ({
      filename: a.name,
      contentType: a.contentType,
      content: a.content,
    })),
    headers: {
      [KIND_HEADER]: 'other',
      [LOOP_PREVENTION_HEADER]: 'notification',
      'Auto-Submitted': 'auto-generated',
      'X-Zegel-Reply-To-Message': input.messageId,
    },
  };
}
