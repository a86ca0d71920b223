import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  MessageStatusResponse,
  OutboxMailSummary,
  OutboxMailView,
  SmsOutboxEntry,
  SubmitMessageResponse,
} from '@zegel/shared';
import { cookieFrom, http, jsonRequest, type HttpResponse } from './http';
import { mimeMessage, RawSmtpClient } from './connector-smtp-client';

/**
 * What the end-to-end tests do again and again against a Zegel in development mode: submit, read
 * the outboxes, find links and codes, unlock, answer. Every call goes over HTTP or SMTP.
 */
export class ZegelClient {
  constructor(
    readonly url: string,
    private readonly keyDir?: string,
  ) {}

  async submit(body: Record<string, unknown>): Promise<SubmitMessageResponse> {
    const res = await http(
      `${this.url}/api/v1/messages`,
      jsonRequest({ classification: 'registered', subject: 'Uitslag', text: 'body', ...body }),
    );
    if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${res.text()}`);
    return res.json<SubmitMessageResponse>();
  }

  async status(id: string): Promise<MessageStatusResponse> {
    return (await http(`${this.url}/api/v1/messages/${id}`)).json<MessageStatusResponse>();
  }

  async outbox(): Promise<OutboxMailSummary[]> {
    return (await http(`${this.url}/api/v1/admin/outbox`)).json<OutboxMailSummary[]>();
  }

  async mail(id: string): Promise<OutboxMailView> {
    return (await http(`${this.url}/api/v1/admin/outbox/${id}/view`)).json<OutboxMailView>();
  }

  async sms(): Promise<SmsOutboxEntry[]> {
    return (await http(`${this.url}/api/v1/admin/sms-outbox`)).json<SmsOutboxEntry[]>();
  }

  /** The pickup token in the notification mail to `address` (the newest one). */
  async pickupToken(address: string): Promise<string> {
    const mail = (await this.outbox()).find(
      (m) => m.kind === 'notification' && m.to.includes(address),
    );
    if (!mail) throw new Error(`no notification to ${address} in the outbox`);
    const view = await this.mail(mail.id);
    return /\/p\/([A-Za-z0-9_-]{22})/.exec(view.text)![1];
  }

  unlock(token: string, ceId: string, localAddress = '127.0.0.1'): Promise<HttpResponse> {
    return http(
      `${this.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }, { localAddress }),
    );
  }

  async openSession(token: string, ceId: string, localAddress?: string): Promise<string> {
    const res = await this.unlock(token, ceId, localAddress);
    if (res.status !== 200) throw new Error(`unlock answered ${res.status}: ${res.text()}`);
    return cookieFrom(res);
  }

  answer(token: string, cookie: string, decision: 'accept' | 'decline'): Promise<HttpResponse> {
    return http(`${this.url}/api/v1/pickup/${token}/${decision}`, {
      method: 'POST',
      headers: { cookie },
    });
  }

  /** Sends a MIME message to the SMTP connector over STARTTLS; resolves with the DATA reply. */
  async sendSmtp(port: number, options: Parameters<typeof mimeMessage>[0] & { from?: string }) {
    const { client } = await RawSmtpClient.open(port);
    try {
      await client.command('EHLO exchange.test');
      await client.starttls({ ca: readFileSync(join(this.keyDir!, 'smtp-dev-cert.pem')) });
      await client.command('EHLO exchange.test');
      const from = options.from ?? 'jan@zorg.example';
      if ((await client.command(`MAIL FROM:<${from}>`)).code !== 250)
        throw new Error('MAIL refused');
      for (const to of options.to ?? ['patient@example.nl']) {
        if ((await client.command(`RCPT TO:<${to}>`)).code !== 250) throw new Error('RCPT refused');
      }
      return await client.data(mimeMessage({ ...options, from }));
    } finally {
      await client.quit();
    }
  }
}

/** The codes in a "pickup codes" mail to the sender, by recipient address. */
export function codesInMail(text: string): Map<string, string> {
  const codes = new Map<string, string>();
  for (const match of text.matchAll(/^\s+(\S+@\S+): ([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\s*$/gm)) {
    codes.set(match[1], match[2]);
  }
  return codes;
}
