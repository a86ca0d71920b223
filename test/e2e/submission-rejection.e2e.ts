import type { EventsPage, EvidenceEventView } from '@zegel/shared';
import { reasonCodeOf } from '../../server/src/evidence/etsi-events';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

/**
 * Every refused submission is evidence (SubmissionRejection with the entry point, code and reason):
 * over the HTTP API and over the SMTP connector. Temporary refusals and refusals of a connection
 * before any message (MAIL FROM) are not.
 */
jest.setTimeout(30_000);

describe('refused submissions are evidence', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_SMTP_REQUIRE_TLS: 'false' } });
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const rejections = async (): Promise<EvidenceEventView[]> => {
    const page = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    return page.events.filter((e) => e.type === 'SubmissionRejection');
  };

  it('records a submission the API refuses as invalid, with its reason', async () => {
    const before = (await rejections()).length;
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({ classification: 'registered', subject: 'x', recipients: [] }),
    );
    expect(res.status).toBe(400);
    const events = await rejections();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      messageId: null,
      actor: expect.stringMatching(/^sender:.+@/),
      ip: expect.any(String),
      reason: expect.stringMatching(/^VALIDATION_FAILED: .*recipients/),
      details: { entry: 'api', code: 'VALIDATION_FAILED' },
    });
  });

  it("records a send the add-in's send check refused, with its reason and reason code", async () => {
    const before = (await rejections()).length;
    const res = await http(
      `${zegel.url}/api/v1/send-check/refusals`,
      jsonRequest({ reason: 'UNLABELLED_EXTERNAL', externalRecipients: 2 }),
    );
    expect(res.status).toBe(204);
    const events = await rejections();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      messageId: null,
      actor: expect.stringMatching(/^sender:.+@/),
      reason: expect.stringMatching(/^UNLABELLED_EXTERNAL: .*outside the organisation \(2\)/),
      details: { entry: 'send-check', code: 'UNLABELLED_EXTERNAL' },
    });
    expect(reasonCodeOf(events.at(-1)!)).toBe('SendCheckRefused');
  });

  it('refuses a send-check report that is not one, and records nothing', async () => {
    const before = (await rejections()).length;
    for (const body of [
      { reason: 'SOMETHING', externalRecipients: 0 },
      { reason: 'ALREADY_SENT', externalRecipients: -1 },
      {},
    ]) {
      const res = await http(`${zegel.url}/api/v1/send-check/refusals`, jsonRequest(body));
      expect(res.status).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await rejections()).toHaveLength(before);
  });

  it('takes at most 30 send-check reports per user in ten minutes, then answers 429 and records nothing', async () => {
    const sendChecks = async () =>
      (await rejections()).filter((e) => e.details?.entry === 'send-check').length;
    const earlier = await sendChecks();
    let accepted = 0;
    let refused: Awaited<ReturnType<typeof http>> | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await http(
        `${zegel.url}/api/v1/send-check/refusals`,
        jsonRequest({ reason: 'ALREADY_SENT', externalRecipients: 0 }),
      );
      if (res.status === 204) accepted++;
      else refused = res;
    }
    expect(earlier + accepted).toBe(30);
    expect(refused?.status).toBe(429);
    expect(refused!.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    expect(await sendChecks()).toBe(30);
  });

  it('records a classification Zegel does not handle, and nothing for an accepted message', async () => {
    const before = (await rejections()).length;
    const refused = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'public',
        subject: 'x',
        recipients: [{ address: 'jan@zorg.example' }],
        text: 'hi',
      }),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const code = refused.json<{ error: { code: string } }>().error.code;
    const accepted = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'x',
        recipients: [{ address: 'jan@zorg.example' }],
        text: 'hi',
      }),
    );
    expect(accepted.status).toBe(201);
    const events = await rejections();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.details).toEqual({ entry: 'api', code });
  });

  it('records mail the SMTP connector refuses in DATA, not a refused MAIL FROM', async () => {
    const port = zegel.app.get(SmtpConnector).port;
    const before = (await rejections()).length;
    const { client } = await RawSmtpClient.open(port);
    try {
      expect((await client.command('EHLO exchange.test')).code).toBe(250);
      // A null sender is refused for the connection, before there is a message.
      expect((await client.command('MAIL FROM:<>')).code).toBe(550);
      expect((await client.command('MAIL FROM:<Jan@Zorg.example>')).code).toBe(250);
      expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
      const reply = await client.data(
        mimeMessage({ headers: { 'X-Zegel-Classification': 'public' } }),
      );
      expect(reply.code).toBe(550);
    } finally {
      await client.quit();
    }
    const events = await rejections();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      messageId: null,
      actor: 'sender:jan@zorg.example',
      ip: '127.0.0.1',
      reason: expect.stringMatching(/^550: /),
      details: { entry: 'smtp', code: '550' },
    });
  });
});
