import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { startZegel, type RunningZegel } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

jest.setTimeout(30_000);

/**
 * Unprotected mail that reaches the connector goes back to the organisation's smart host (a real
 * SMTP server on loopback that requires STARTTLS), unchanged but for the loop-prevention header,
 * and is acknowledged only once the smart host took it. Unlabelled mail can be refused instead.
 */
describe('SMTP connector: unprotected mail back to the smart host', () => {
  let sink: SmtpSink;
  let zegel: RunningZegel;
  let port: number;

  beforeAll(async () => {
    sink = await startSmtpSink();
    zegel = await startZegel({
      env: {
        ZEGEL_SMTP_UNPROTECTED: 'relay',
        ZEGEL_SMTP_SMART_HOST_URL: `smtp://localhost:${sink.port}`,
        ZEGEL_CA_FILE: sink.caFile,
        ZEGEL_SMTP_UNCLASSIFIED: 'refuse',
      },
    });
    port = zegel.app.get(SmtpConnector).port;
  });

  afterAll(async () => {
    await zegel?.close();
    await sink?.close();
  });

  const blobs = () => {
    const dir = join(zegel.dataDir, 'blobs');
    if (!existsSync(dir)) return 0;
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .length;
  };

  async function send(message: string) {
    const { client } = await RawSmtpClient.open(port);
    try {
      await client.command('EHLO exchange.test');
      await client.starttls({ ca: readFileSync(join(zegel.keyDir, 'smtp-dev-cert.pem')) });
      await client.command('EHLO exchange.test');
      expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
      expect((await client.command('RCPT TO:<klant@example.nl>')).code).toBe(250);
      return await client.data(message);
    } finally {
      await client.quit();
    }
  }

  it('relays public mail with its attachment byte for byte, marked so it does not loop', async () => {
    const marker = randomUUID();
    const attachment = randomBytes(30_000);
    const message = mimeMessage({
      subject: `Nieuwsbrief ${marker}`,
      headers: { 'X-Zegel-Classification': 'public' },
      attachments: [{ name: 'folder.pdf', type: 'application/pdf', content: attachment }],
    });
    const before = blobs();
    const reply = await send(message);
    expect(reply.code).toBe(250);
    expect(reply.text).toContain("handed to the organisation's mail server");
    // 250 came after the smart host accepted: the mail is already there.
    const got = sink.mails.find((m) => m.parsed.subject === `Nieuwsbrief ${marker}`)!;
    expect(got).toBeDefined();
    expect(got.secure).toBe(true);
    expect(got.envelopeFrom).toBe('jan@zorg.example');
    expect(got.envelopeTo).toEqual(['klant@example.nl']);
    expect(got.parsed.headers.get('x-zegel-processed')).toBe('relayed; classification=public');
    expect(got.parsed.attachments[0].content.equals(attachment)).toBe(true);
    expect(got.raw.toString('latin1')).toContain(message.split('\r\n\r\n')[0]);
    expect(blobs()).toBe(before); // the encrypted spool is gone
  });

  it('refuses unlabelled mail when ZEGEL_SMTP_UNCLASSIFIED=refuse', async () => {
    const reply = await send(mimeMessage({ subject: 'no label' }));
    expect(reply.code).toBe(550);
    expect(reply.text).toContain('no X-Zegel-Classification header');
  });

  it('still takes protected mail into the intake', async () => {
    const reply = await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'registered' } }));
    expect(reply.code).toBe(250);
    expect(reply.text).toMatch(/stored by Zegel as/);
  });

  it('answers 4xx, never 250, while the smart host is down', async () => {
    await sink.close();
    const reply = await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'internal' } }));
    expect(reply.code).toBe(451);
    expect(reply.text).toContain('4.4.1');
    sink = await startSmtpSink(); // for afterAll
  });
});
