import type { RecipientInput, SubmitMessageRequest } from '@zegel/shared';
import type { ComposeMail, DraftAttachment } from '../office/compose-mail';
import { inlineImageRefs } from './inline-images';

export interface CollectedFile {
  name: string;
  blob: Blob;
}

export interface CollectedMessage {
  request: SubmitMessageRequest;
  files: CollectedFile[];
}

export type CollectProgress = (attachment: DraftAttachment, index: number, total: number) => void;

/** A draft that cannot be sent registered as it is, with what the user should do. */
export class CollectError extends Error {
  constructor(
    readonly reason: 'CLOUD_ATTACHMENT' | 'ATTACHMENTS_UNREADABLE',
    readonly attachmentName = '',
  ) {
    super(reason === 'CLOUD_ATTACHMENT' ? `${attachmentName} is a cloud attachment` : reason);
    this.name = 'CollectError';
  }
}

/** Every address once, in the order the user typed them (To, then Cc, then Bcc). */
export function uniqueRecipients(lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of lists.flat()) {
    const key = address.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(address.trim());
  }
  return out;
}

/** The draft's recipients, each once, with the mobile number for its code where one was given. */
export function recipientInputs(
  lists: string[][],
  phones: Readonly<Record<string, string>> = {},
): RecipientInput[] {
  return uniqueRecipients(lists).map((address) =>
    phones[address] ? { address, phone: phones[address] } : { address },
  );
}

/** Reads subject, recipients, HTML body and attachments of the draft for POST /api/v1/messages. */
export async function collectMessage(
  mail: ComposeMail,
  classification: string,
  onAttachment: CollectProgress = () => undefined,
  phones: Readonly<Record<string, string>> = {},
): Promise<CollectedMessage> {
  const [subject, recipients, html] = await Promise.all([
    mail.subject(),
    mail.recipients(),
    mail.bodyHtml(),
  ]);
  // Below Mailbox 1.8 a draft's attachments cannot be read: refuse rather than send without them.
  if (!mail.supports('1.8')) throw new CollectError('ATTACHMENTS_UNREADABLE');
  const attachments = await mail.attachments();
  const cloud = attachments.find((a) => a.kind === 'cloud');
  if (cloud) throw new CollectError('CLOUD_ATTACHMENT', cloud.name);
  const files: CollectedFile[] = [];
  // One at a time: large attachments arrive as base64 strings, so keep one in memory at once.
  for (const [index, attachment] of attachments.entries()) {
    onAttachment(attachment, index, attachments.length);
    const blob = await mail.attachmentContent(attachment);
    const name = attachment.kind === 'item' ? `${attachment.name}.eml` : attachment.name;
    files.push({ name, blob });
  }
  const list = recipientInputs([recipients.to, recipients.cc, recipients.bcc], phones);
  // Each attachment became one file in the same order, so an attachment's index is its file's.
  const inlineImages = inlineImageRefs(html, attachments);
  return {
    request: {
      classification,
      subject,
      recipients: list,
      html,
      ...(inlineImages.length ? { inlineImages } : {}),
    },
    files,
  };
}

/** The multipart body: the message JSON first, then the files (the server streams them). */
export function toFormData(message: CollectedMessage): FormData {
  const form = new FormData();
  form.append('message', JSON.stringify(message.request));
  for (const file of message.files) form.append('attachments', file.blob, file.name);
  return form;
}
