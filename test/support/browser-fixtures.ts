import { simpleParser } from 'mailparser';
import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';

export interface UploadFile {
  name: string;
  type: string;
  data: Buffer;
  /** Makes the file an inline image of the HTML body, which refers to it as `cid:<contentId>`. */
  contentId?: string;
}

export interface OutboxMail {
  id: string;
  kind: string;
  to: string[];
}

/** Submits a registered message through the real API (multipart), as the add-in does. */
export async function submitMessage(
  url: string,
  message: { recipient: string; phone?: string; subject: string; html?: string; text?: string },
  files: UploadFile[],
): Promise<SubmitMessageResponse> {
  const form = new FormData();
  form.append(
    'message',
    JSON.stringify({
      classification: 'registered',
      subject: message.subject,
      recipients: [{ address: message.recipient, phone: message.phone }],
      html: message.html,
      text: message.text,
      inlineImages: files.flatMap((file, attachment) =>
        file.contentId ? [{ attachment, contentId: file.contentId }] : [],
      ),
    }),
  );
  for (const file of files)
    form.append(
      'attachments',
      new Blob([new Uint8Array(file.data)], { type: file.type }),
      file.name,
    );
  const response = await fetch(`${url}/api/v1/messages`, { method: 'POST', body: form });
  const body: unknown = await response.json();
  if (response.status !== 201)
    throw new Error(`submit answered ${response.status}: ${JSON.stringify(body)}`);
  return body as SubmitMessageResponse;
}

export async function messageStatus(url: string, id: string): Promise<MessageStatusResponse> {
  const response = await fetch(`${url}/api/v1/messages/${id}`);
  if (!response.ok) throw new Error(`message status answered ${response.status}`);
  return (await response.json()) as MessageStatusResponse;
}

async function outbox(url: string): Promise<OutboxMail[]> {
  const response = await fetch(`${url}/api/v1/admin/outbox`);
  if (!response.ok) throw new Error(`outbox answered ${response.status}`);
  return (await response.json()) as OutboxMail[];
}

/** Polls the outbox (delivery runs on a queue) until a mail of this kind to `address` is there. */
export async function waitForMail(url: string, kind: string, address: string): Promise<OutboxMail> {
  for (let i = 0; i < 150; i++) {
    const mail = (await outbox(url)).find(
      (m) => m.kind === kind && m.to.some((to) => to.includes(address)),
    );
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} mail to ${address} in the outbox within 15 s`);
}

/** The path (`/p/<token>`) of the pickup link in the notification mail to `recipient`. */
export async function pickupPathFromOutbox(url: string, recipient: string): Promise<string> {
  const notification = await waitForMail(url, 'notification', recipient);
  const raw = await (await fetch(`${url}/api/v1/admin/outbox/${notification.id}`)).text();
  const parsed = await simpleParser(raw);
  const match = new RegExp(`${url}(/p/[A-Za-z0-9_-]+)`).exec(parsed.text ?? '');
  if (!match) throw new Error(`no pickup link in the notification to ${recipient}`);
  return match[1];
}
