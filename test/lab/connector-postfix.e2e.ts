import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { DatabaseService } from '../../server/src/database/database.service';
import { MessageEntity } from '../../server/src/messages/message.entity';
import { RecipientEntity } from '../../server/src/messages/recipient.entity';
import { startPostfix, type RunningPostfix } from '../support/connector-postfix';
import { mimeMessage } from '../support/connector-smtp-client';
import { freePort } from '../support/server-process';
import { startZegel, type RunningZegel } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

jest.setTimeout(60_000);

/**
 * Postfix (Debian's) as the organisation's mail server in front of Zegel: a header check routes
 * classified mail over a TLS transport that checks Zegel's certificate name, as an Exchange
 * transport rule and outbound connector do; everything else goes to the "Internet" (a loopback SMTP
 * sink). Mail is submitted to Postfix with swaks and followed until it leaves Zegel's pipeline.
 */
describe('Postfix in front of the SMTP connector', () => {
  let sink: SmtpSink;
  let zegel: RunningZegel;
  let postfix: RunningPostfix;
  let postfixPort: number;

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
    postfixPort = await freePort();
    postfix = startPostfix({
      port: postfixPort,
      relayhost: { host: 'localhost', port: sink.port, caFile: sink.caFile },
      zegel: {
        host: 'localhost',
        port: zegel.app.get(SmtpConnector).port,
        caFile: join(zegel.keyDir, 'smtp-dev-cert.pem'),
      },
    });
  });

  afterAll(async () => {
    postfix?.stop();
    await zegel?.close();
    await sink?.close();
  });

  /** swaks runs asynchronously: Zegel answers from this same process. */
  const swaks = (args: string[], input?: string) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(
        'swaks',
        ['--suppress-data', '--timeout', '20', ...args],
        (error, stdout) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
      );
      child.stdin!.end(input ?? '');
    });

  const submit = async (raw: string, to: string) => {
    const result = await swaks(
      [
        '--server',
        `127.0.0.1:${postfixPort}`,
        '--from',
        'jan@zorg.example',
        '--to',
        to,
        '--data',
        '-',
      ],
      raw,
    );
    expect(result.stdout).toMatch(/<- {2}250 2\.0\.0 Ok: queued as/);
  };

  async function logShows(pattern: RegExp): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!pattern.test(postfix.log())) {
      if (Date.now() > deadline) throw new Error(`Postfix log lacks ${pattern}:\n${postfix.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('routes a registered mail through Postfix into Zegel, and the recipient gets the pickup notification', async () => {
    const marker = randomUUID();
    const to = `patient-${marker.slice(0, 8)}@example.nl`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000)]);
    await submit(
      mimeMessage({
        to: [to],
        subject: `Uitslag ${marker}`,
        headers: { 'X-Zegel-Classification': 'registered' },
        attachments: [{ name: 'uitslag.pdf', type: 'application/pdf', content: pdf }],
      }),
      to,
    );
    const notification = await sink.waitFor((m) => m.envelopeTo.includes(to), 30_000);
    expect(notification.parsed.headers.get('x-zegel-processed')).toBe('notification');
    expect(notification.parsed.text).toMatch(/\/p\/[A-Za-z0-9_-]{22}/);
    // The content itself never went to the Internet, only the notification.
    expect(sink.mails.some((m) => m.parsed.subject === `Uitslag ${marker}`)).toBe(false);
    const db = zegel.app.get(DatabaseService).manager;
    const recipient = await db.findOneByOrFail(RecipientEntity, { address: to });
    const message = await db.findOneByOrFail(MessageEntity, { id: recipient.messageId });
    expect(message).toMatchObject({
      entry: 'smtp',
      classification: 'registered',
      sender: 'jan@zorg.example',
    });
    // Postfix delivered to Zegel over verified TLS and got Zegel's 250 with the message id.
    await logShows(/Verified TLS connection established to localhost/);
    await logShows(new RegExp(`stored by Zegel as ${message.id}`));
  });

  it('lets unlabelled mail go to the Internet as usual, without Zegel', async () => {
    const marker = randomUUID();
    await submit(
      mimeMessage({ to: ['klant@example.org'], subject: `Gewoon ${marker}` }),
      'klant@example.org',
    );
    const mail = await sink.waitFor((m) => m.parsed.subject === `Gewoon ${marker}`, 30_000);
    expect(mail.parsed.headers.get('x-zegel-processed')).toBeUndefined();
    const db = zegel.app.get(DatabaseService).manager;
    expect(await db.countBy(RecipientEntity, { address: 'klant@example.org' })).toBe(0);
    // Postfix logs the delivery just after the sink's reply.
    await logShows(new RegExp(`relay=localhost\\[127\\.0\\.0\\.1\\]:${sink.port}.*status=sent`));
  });

  it("refuses a loop: Zegel's own mail routed back comes back to the sender as a bounce", async () => {
    const marker = randomUUID();
    await submit(
      mimeMessage({
        to: ['loop@example.org'],
        subject: `Loop ${marker}`,
        headers: { 'X-Zegel-Classification': 'registered', 'X-Zegel-Processed': 'notification' },
      }),
      'loop@example.org',
    );
    const bounce = await sink.waitFor(
      (m) =>
        m.envelopeTo.includes('jan@zorg.example') &&
        m.raw.toString('latin1').includes(`Loop ${marker}`),
      30_000,
    );
    expect(bounce.raw.toString('latin1')).toContain('5.4.6');
  });

  it('swaks straight at Zegel without STARTTLS is refused with 530', async () => {
    const { stdout: output } = await swaks([
      '--server',
      `127.0.0.1:${zegel.app.get(SmtpConnector).port}`,
      '--from',
      'a@zorg.example',
      '--to',
      'b@example.org',
    ]);
    expect(output).toMatch(/<\*\* +530 5\.7\.0 Must issue a STARTTLS command first/);
  });
});
