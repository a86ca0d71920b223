import { CLASSIFICATION_HEADER, LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { SealedMeta } from '../messages/content.service';
import type { MessagePartEntity } from '../messages/message-part.entity';

export interface DirectMessageInput {
  messageId: string;
  sender: string;
  recipient: string;
  classification: string;
  date: Date;
  meta: SealedMeta;
  parts: MessagePartEntity[];
  /** Opens a fresh decrypting stream of a part (each attempt reads the vault again). */
  open: (part: MessagePartEntity) => Readable;
  /** Domain for the Message-ID. */
  idDomain: string;
  /** Fixed MIME boundaries, so that composing twice gives the same bytes (streamed DKIM). */
  baseBoundary: string;
}

/** Message-ID of a message as it goes out directly: the same for every attempt and recipient. */
export const directMessageId = (messageId: string, domain: string) => `<${messageId}@${domain}>`;

/**
 * The confidential message itself, as the recipient's mail server receives it: bodies and
 * attachments are streamed from the vault while the message is written, never held or stored.
 */
export function composeDirectMessage(input: DirectMessageInput): Readable {
  const body = (kind: 'html' | 'text') => {
    const part = input.parts.find((p) => p.kind === kind);
    return part ? input.open(part) : undefined;
  };
  const attachments = input.parts
    .filter((p) => p.kind === 'attachment')
    .sort((a, b) => a.index - b.index)
    .map((p, i) => ({
      filename: input.meta.attachments[i]?.name ?? `attachment-${i + 1}`,
      contentType: p.contentType,
      content: input.open(p),
    }));
  // baseBoundary is a MailComposer option its type declarations leave out.
  const mail: Mail.Options & { baseBoundary: string } = {
    from: input.sender,
    to: input.recipient,
    subject: input.meta.subject,
    date: input.date,
    messageId: directMessageId(input.messageId, input.idDomain),
    text: body('text'),
    html: body('html'),
    attachments,
    baseBoundary: input.baseBoundary,
    headers: {
      [CLASSIFICATION_HEADER]: input.classification,
      [LOOP_PREVENTION_HEADER]: 'direct',
    },
  };
  return new MailComposer(mail).compile().createReadStream();
}
