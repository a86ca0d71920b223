import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(30_000);

/**
 * Classifications an admin defines are accepted by every entry point (the API the task pane uses
 * and the SMTP connector's header) and routed as the built-in one they name.
 */
describe('admin-defined classifications at intake', () => {
  let zegel: RunningZegel;
  let port: number;
  beforeAll(async () => {
    zegel = await startZegel();
    port = zegel.app.get(SmtpConnector).port;
  });
  afterAll(async () => {
    await zegel?.close();
  });

  const define = (id: string, routeAs: string) =>
    http(
      `${zegel.url}/api/v1/admin/classifications`,
      jsonRequest({
        id,
        label: { en: `Label ${id}`, nl: `Label ${id}` },
        description: { en: 'For tests.', nl: 'Voor tests.' },
        colour: 'preset3',
        routeAs,
      }),
    );
  const submit = (classification: string) =>
    http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification,
        subject: 'Uitslag',
        recipients: [{ address: 'patient@example.nl' }],
        text: 'De uitslag staat klaar.',
      }),
    );
  const status = async (id: string) =>
    (await http(`${zegel.url}/api/v1/messages/${id}`)).json<MessageStatusResponse>();

  async function send(label: string) {
    const { client } = await RawSmtpClient.open(port);
    try {
      await client.command('EHLO exchange.test');
      await client.starttls({ ca: readFileSync(join(zegel.keyDir, 'smtp-dev-cert.pem')) });
      await client.command('EHLO exchange.test');
      expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
      expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
      return await client.data(
        mimeMessage({ subject: 'Uitslag', headers: { 'X-Zegel-Classification': label } }),
      );
    } finally {
      await client.quit();
    }
  }
  const storedId = (text: string) => /stored by Zegel as ([0-9a-f-]{36})/.exec(text)?.[1];

  it('over HTTP: stored under its own name, routed as the built-in it names', async () => {
    expect((await define('lab-results', 'registered')).status).toBe(201);
    const res = await submit('lab-results');
    expect(res.status).toBe(201);
    const sent = await status(res.json<SubmitMessageResponse>().id);
    expect(sent.classification).toBe('lab-results');
    expect(sent.recipients).toEqual([
      expect.objectContaining({ address: 'patient@example.nl', route: 'pickup' }),
    ]);
  });

  it('over HTTP: one routed as internal, and one that does not exist, are not Zegel mail', async () => {
    expect((await define('team-notes', 'internal')).status).toBe(201);
    for (const id of ['team-notes', 'no-such-label']) {
      const res = await submit(id);
      expect(res.status).toBe(422);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('CLASSIFICATION_NOT_HANDLED');
    }
  });

  it('over SMTP: the header names an admin-defined classification', async () => {
    const reply = await send('lab-results');
    expect(reply.code).toBe(250);
    const sent = await status(storedId(reply.text)!);
    expect(sent.classification).toBe('lab-results');
    expect(sent.recipients).toEqual([expect.objectContaining({ route: 'pickup' })]);
  });

  it('over SMTP: an unknown label is refused until an admin defines it, then accepted at once', async () => {
    const before = await send('case-files');
    expect(before.code).toBe(550);
    expect(before.text).toMatch(/Unknown classification "case-files"/);
    expect((await define('case-files', 'confidential')).status).toBe(201);
    const after = await send('case-files');
    expect(after.code).toBe(250);
    expect((await status(storedId(after.text)!)).classification).toBe('case-files');
  });
});
