import type {
  MessageStatusResponse,
  PickupMessageView,
  PickupReplyResult,
  SubmitMessageResponse,
} from '@zegel/shared';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cookieFrom, http, jsonRequest, multipart } from '../support/http';
import { filesContaining } from '../support/scan';
import { startZegel, type RunningZegel } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
jest.setTimeout(60_000);

const pickupToken = (text: string) => /\/p\/([A-Za-z0-9_-]{22})/.exec(text)![1];

/**
 * Secure reply end to end: the recipient answers on the pickup page with text and files; the reply
 * is stored encrypted, recorded as evidence and handed, once, to the sender's mailbox through the
 * organisation's relay (a real SMTP server on loopback that insists on STARTTLS).
 */
describe('secure reply through the relay', () => {
  const canary = `REPLY-CANARY-${randomUUID()}`;
  let sink: SmtpSink;
  let zegel: RunningZegel;
  let localAddress = 10;

  beforeAll(async () => {
    sink = await startSmtpSink();
    zegel = await startZegel({
      env: {
        ZEGEL_OUTBOUND_MODE: 'relay',
        ZEGEL_RELAY_URL: `smtp://localhost:${sink.port}`,
        ZEGEL_CA_FILE: sink.caFile,
        ZEGEL_MAIL_FROM: 'Zegel <zegel@zorg.example>',
      },
    });
  });

  afterAll(async () => {
    await zegel?.close();
    await sink?.close();
  });

  /** Submits a message whose code the sender passes on, and opens it: the session cookie. */
  async function openCopy(recipient: string, extra: Record<string, unknown> = {}) {
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: `Uitslag ${recipient}`,
        recipients: [{ address: recipient }],
        text: 'Beste, zie de uitslag.',
        ...extra,
      }),
    );
    expect(res.status).toBe(201);
    const sent = res.json<SubmitMessageResponse>();
    const note = await sink.waitFor((m) => m.envelopeTo.includes(recipient));
    const token = pickupToken(note.parsed.text ?? '');
    const unlock = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: sent.recipients[0].ceId }, { localAddress: `127.0.4.${localAddress++}` }),
    );
    expect(unlock.status).toBe(200);
    return {
      sent,
      token,
      cookie: cookieFrom(unlock),
      view: unlock.json<PickupMessageView>(),
    };
  }

  async function reply(
    token: string,
    cookie: string | undefined,
    fields: { message?: string; files?: { name: string; data: Buffer; type: string }[] },
  ) {
    const form = new FormData();
    if (fields.message !== undefined) form.append('message', fields.message);
    for (const f of fields.files ?? [])
      form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
    const { headers, body } = await multipart(form);
    return http(`${zegel.url}/api/v1/pickup/${token}/reply`, {
      method: 'POST',
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
      body,
    });
  }

  it('stores the reply encrypted, delivers it once over TLS to the sender, and records both steps', async () => {
    const { sent, token, cookie, view } = await openCopy('patient@example.nl');
    expect(view.reply).toMatchObject({ allowed: true, remaining: 3, maxAttachments: 5 });
    const scan = Buffer.concat([Buffer.from(`%PDF-1.7 ${canary}\n`), randomBytes(120_000)]);
    const note = Buffer.from(`vraag;${canary}\n`);
    const text = `Dank u. Mijn vraag staat in de bijlage. ${canary}`;
    const res = await reply(token, cookie, {
      message: JSON.stringify({ text }),
      files: [
        { name: 'scan.pdf', data: scan, type: 'application/pdf' },
        { name: '../vraag.csv', data: note, type: 'text/csv' },
      ],
    });
    expect(res.status).toBe(201);
    const result = res.json<PickupReplyResult>();
    expect(result.textSha256).toBe(sha256(text));
    expect(result.attachments).toEqual([
      { name: 'scan.pdf', size: scan.length, sha256: sha256(scan) },
      { name: 'vraag.csv', size: note.length, sha256: sha256(note) },
    ]);

    // The sender's mailbox gets it through the relay, over TLS, with the files intact.
    const mail = await sink.waitFor((m) => !!m.parsed.text?.includes(canary));
    const status = (
      await http(`${zegel.url}/api/v1/messages/${sent.id}`)
    ).json<MessageStatusResponse>();
    expect(mail.envelopeTo).toEqual([status.sender]);
    expect(mail.secure).toBe(true);
    expect(mail.parsed.subject).toBe(
      'Beveiligd antwoord / Secure reply: Uitslag patient@example.nl',
    );
    expect(mail.parsed.text).toContain(text);
    expect(mail.parsed.replyTo).toBeUndefined();
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['scan.pdf', 'vraag.csv']);
    expect(mail.parsed.attachments[0].content.equals(scan)).toBe(true);
    expect(mail.parsed.attachments[1].content.equals(note)).toBe(true);

    // Evidence: the reply stored (by the recipient) and handed over (by Zegel), with its digests.
    // The handover is recorded once the relay has taken the mail, so it may land just after it.
    const eventsOf = async () =>
      (await http(`${zegel.url}/api/v1/messages/${sent.id}`)).json<MessageStatusResponse>().events;
    let events = await eventsOf();
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'ReplyConsignment'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await eventsOf();
    }
    const stored = events.find((e) => e.type === 'ReplySubmission')!;
    const delivered = events.find((e) => e.type === 'ReplyConsignment')!;
    const digests = {
      'reply.text': sha256(text),
      'reply.attachment.0': sha256(scan),
      'reply.attachment.1': sha256(note),
    };
    expect(stored).toMatchObject({ actor: 'recipient:patient@example.nl', digests });
    expect(delivered).toMatchObject({ actor: 'system', digests });
    expect(delivered.reason).toContain('handed to the sender');

    // Once: one mail, and after delivery nothing readable of the reply is left on disk.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.mails.filter((m) => m.parsed.text?.includes(canary))).toHaveLength(1);
    expect(filesContaining([zegel.dataDir, zegel.keyDir], canary)).toEqual([]);

    const again = (
      await http(`${zegel.url}/api/v1/pickup/${token}/message`, { headers: { cookie } })
    ).json<PickupMessageView>();
    expect(again.reply.remaining).toBe(2);
  });

  it('refuses bad replies with a clear error and keeps nothing of them', async () => {
    const { sent, token, cookie } = await openCopy('hostile@example.nl');
    const code = async (res: Awaited<ReturnType<typeof reply>>) =>
      [res.status, res.json<{ error: { code: string } }>().error.code] as const;
    expect(await code(await reply(token, undefined, { message: '{"text":"x"}' }))).toEqual([
      401,
      'PICKUP_SESSION_REQUIRED',
    ]);
    expect(await code(await reply(token, cookie, { message: '{"text":"  "}' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await code(await reply(token, cookie, { message: 'not json' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(
      await code(
        await reply(token, cookie, { message: JSON.stringify({ text: 'x'.repeat(20_001) }) }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `f${i}.txt`,
      data: Buffer.from(canary),
      type: 'text/plain',
    }));
    expect(
      await code(await reply(token, cookie, { message: '{"text":"zes"}', files: six })),
    ).toEqual([413, 'TOO_MANY_PARTS']);
    const json = await http(
      `${zegel.url}/api/v1/pickup/${token}/reply`,
      jsonRequest({ text: 'as JSON' }, { headers: { cookie } }),
    );
    expect(json.status).toBe(415);
    // Three replies per copy; the fourth is refused.
    for (let i = 0; i < 3; i++)
      expect((await reply(token, cookie, { message: `{"text":"antwoord ${i}"}` })).status).toBe(
        201,
      );
    expect(await code(await reply(token, cookie, { message: '{"text":"vier"}' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const { events } = (
      await http(`${zegel.url}/api/v1/messages/${sent.id}`)
    ).json<MessageStatusResponse>();
    expect(events.filter((e) => e.type === 'ReplySubmission')).toHaveLength(3);
  });

  it('the sender can turn replies off for a message', async () => {
    const { token, cookie, view } = await openCopy('noreply@example.nl', { allowReplies: false });
    expect(view.reply).toMatchObject({ allowed: false, remaining: 0 });
    const res = await reply(token, cookie, { message: '{"text":"mag niet"}' });
    expect(res.status).toBe(403);
    const bad = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'x',
        recipients: [{ address: 'a@example.nl' }],
        text: 'x',
        allowReplies: 'no',
      }),
    );
    expect(bad.status).toBe(400);
  });
});
