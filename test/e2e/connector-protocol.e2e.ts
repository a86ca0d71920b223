import { createHash, randomBytes, randomUUID } from 'node:crypto';
import dns from 'node:dns';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { DatabaseService } from '../../server/src/database/database.service';
import { MessageEntity } from '../../server/src/messages/message.entity';
import { RecipientEntity } from '../../server/src/messages/recipient.entity';
import {
  makeConnectorCerts,
  type ClientCertificate,
  type ConnectorCerts,
} from '../support/connector-certs';
import { mimeMessage, RawSmtpClient } from '../support/connector-smtp-client';
import { http, jsonRequest } from '../support/http';
import { filesContaining } from '../support/scan';
import { startZegel, type RunningZegel } from '../support/server';

const MAX = 200_000;
const PASSWORD = randomBytes(24).toString('base64url');

/**
 * The SMTP connector over real sockets: who may relay (allowlisted IP, client certificate, SMTP
 * AUTH), STARTTLS required, SIZE, classification by header, by mail-flow rule and by default,
 * refusal of unprotected mail and loops, malformed MIME, and clients that vanish mid-DATA.
 */
jest.setTimeout(30_000);

describe('SMTP connector protocol', () => {
  let certs: ConnectorCerts;
  let zegel: RunningZegel;
  let port: number;

  beforeAll(async () => {
    certs = makeConnectorCerts();
    zegel = await startZegel({
      env: {
        ZEGEL_SMTP_TLS_CERT_FILE: certs.serverCertFile,
        ZEGEL_SMTP_TLS_KEY_FILE: certs.serverKeyFile,
        ZEGEL_SMTP_ALLOWED_IPS: '127.0.0.2',
        ZEGEL_SMTP_CLIENT_CERT_SUBJECTS: 'mail.protection.outlook.com',
        ZEGEL_SMTP_CLIENT_CA_FILE: certs.caFile,
        ZEGEL_SMTP_AUTH_USERS: `exchange:${createHash('sha256').update(PASSWORD).digest('hex')}`,
        ZEGEL_SMTP_MAX_MESSAGE_BYTES: String(MAX),
      },
    });
    port = zegel.app.get(SmtpConnector).port;
  });

  afterAll(async () => {
    await zegel?.close();
    certs?.cleanup();
  });

  const db = () => zegel.app.get(DatabaseService).manager;
  const blobCount = () => {
    const dir = join(zegel.dataDir, 'blobs');
    if (!existsSync(dir)) return 0;
    let n = 0;
    const walk = (d: string) =>
      readdirSync(d, { withFileTypes: true }).forEach((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : n++,
      );
    walk(dir);
    return n;
  };

  /** A session up to an accepted or refused MAIL FROM. */
  async function session(
    options: { from?: string; tls?: boolean; cert?: ClientCertificate; local?: string } = {},
  ) {
    const { client, greeting } = await RawSmtpClient.open(port, options.local);
    expect(greeting.code).toBe(220);
    const ehlo = await client.command('EHLO exchange.test');
    if (options.tls !== false) {
      const started = await client.starttls({
        ca: readFileSync(certs.caFile),
        ...(options.cert ?? {}),
      });
      expect(started.code).toBe(220);
      expect((await client.command('EHLO exchange.test')).code).toBe(250);
    }
    return { client, ehlo };
  }

  async function send(
    message: string,
    options: { to?: string[]; cert?: ClientCertificate; local?: string } = {},
  ) {
    const { client } = await session({ local: options.local ?? '127.0.0.2', cert: options.cert });
    try {
      expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
      for (const to of options.to ?? ['patient@example.nl'])
        expect((await client.command(`RCPT TO:<${to}>`)).code).toBe(250);
      return await client.data(message);
    } finally {
      await client.quit();
    }
  }

  const storedId = (text: string) => /stored by Zegel as ([0-9a-f-]{36})/.exec(text)?.[1];

  it('greets without looking up the name of the client (a PTR query can take seconds)', async () => {
    const reverse = jest.spyOn(dns, 'reverse');
    try {
      const { client, greeting } = await RawSmtpClient.open(port);
      expect(greeting.code).toBe(220);
      expect((await client.command('EHLO exchange.test')).code).toBe(250);
      await client.quit();
      expect(reverse).not.toHaveBeenCalled();
    } finally {
      reverse.mockRestore();
    }
  });

  it('advertises STARTTLS and SIZE, and takes AUTH only inside TLS', async () => {
    const { client, ehlo } = await session({ tls: false, local: '127.0.0.2' });
    expect(ehlo.text).toMatch(/^250-localhost /); // the certificate's name, not the bind address
    expect(ehlo.text).toContain('STARTTLS');
    expect(ehlo.text).toContain(`SIZE ${MAX}`);
    expect((await client.command('AUTH PLAIN AGV4Y2hhbmdlAHg=')).code).toBe(538);
    await client.starttls({ ca: readFileSync(certs.caFile) });
    expect((await client.command('EHLO exchange.test')).text).toMatch(/AUTH PLAIN LOGIN/);
    await client.quit();
  });

  it('refuses mail without TLS, even from an allowed address', async () => {
    const { client } = await session({ tls: false, local: '127.0.0.2' });
    const reply = await client.command('MAIL FROM:<jan@zorg.example>');
    expect(reply.code).toBe(530);
    expect(reply.text).toContain('5.7.0');
    await client.quit();
  });

  it.each<[string, () => ClientCertificate | undefined]>([
    ['no client certificate', () => undefined],
    ['a self-signed certificate with the right name', () => certs.untrusted],
    ['a trusted certificate for another name', () => certs.otherName],
  ])(
    'is no open relay: a client from a non-allowed address with %s is refused 5.7.1',
    async (_name, cert) => {
      const { client } = await session({ local: '127.0.0.1', cert: cert() });
      const reply = await client.command('MAIL FROM:<jan@zorg.example>');
      expect(reply.code).toBe(550);
      expect(reply.text).toContain('5.7.1');
      // RCPT is refused too, whatever the client tries next.
      expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBeGreaterThanOrEqual(
        500,
      );
      await client.quit();
    },
  );

  it('accepts a registered mail from Exchange Online by its client certificate, stored before 250', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.7 ${canary}\n`), randomBytes(50_000)]);
    const reply = await send(
      mimeMessage({
        subject: `Uitslag ${canary}`,
        headers: { 'X-Zegel-Classification': 'registered' },
        text: `Beste patiënt, ${canary}`,
        attachments: [{ name: 'uitslag.pdf', type: 'application/pdf', content: pdf }],
      }),
      {
        to: ['Patient@Example.nl', 'huisarts@example.org'],
        cert: certs.exchange,
        local: '127.0.0.1',
      },
    );
    expect(reply.code).toBe(250);
    const id = storedId(reply.text)!;
    expect(id).toBeDefined();
    // 250 came after the commit: the message is there the moment the client has the reply.
    const message = await db().findOneByOrFail(MessageEntity, { id });
    expect(message).toMatchObject({
      classification: 'registered',
      entry: 'smtp',
      sender: 'jan@zorg.example',
    });
    const recipients = await db().findBy(RecipientEntity, { messageId: id });
    expect(recipients.map((r) => r.address).sort()).toEqual([
      'huisarts@example.org',
      'patient@example.nl',
    ]);
    const status = await http(`${zegel.url}/api/v1/messages/${id}`);
    expect(status.status).toBe(200);
    const body = status.json<{ attachments: { sha256: string; size: number }[] }>();
    expect(body.attachments).toEqual([
      expect.objectContaining({
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      }),
    ]);
    expect(filesContaining([zegel.dataDir], canary)).toEqual([]);
  });

  it('accepts an SMTP AUTH user and refuses a wrong password', async () => {
    const { client } = await session({ local: '127.0.0.1' });
    const bad = await client.command(
      `AUTH PLAIN ${Buffer.from(`\0exchange\0wrong`).toString('base64')}`,
    );
    expect(bad.code).toBe(535);
    const good = await client.command(
      `AUTH PLAIN ${Buffer.from(`\0exchange\0${PASSWORD}`).toString('base64')}`,
    );
    expect(good.code).toBe(235);
    expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
    expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
    const reply = await client.data(
      mimeMessage({ headers: { 'X-Zegel-Classification': 'confidential' } }),
    );
    expect(reply.code).toBe(250);
    await client.quit();
  });

  it('refuses oversize mail with 552, declared or not, and stores nothing', async () => {
    const before = { blobs: blobCount(), messages: await db().count(MessageEntity) };
    const { client } = await session({ local: '127.0.0.2' });
    const declared = await client.command(`MAIL FROM:<jan@zorg.example> SIZE=${MAX + 1}`);
    expect(declared.code).toBe(552);
    const big = mimeMessage({
      headers: { 'X-Zegel-Classification': 'confidential' },
      attachments: [
        { name: 'big.bin', type: 'application/octet-stream', content: randomBytes(MAX) },
      ],
    });
    expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
    expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
    const reply = await client.data(big);
    expect(reply.code).toBe(552);
    // The session goes on after the refusal.
    expect((await client.command('NOOP')).code).toBe(250);
    await client.quit();
    expect(blobCount()).toBe(before.blobs);
    expect(await db().count(MessageEntity)).toBe(before.messages);
  });

  it('leaves nothing behind when the client disconnects mid-DATA', async () => {
    const before = { blobs: blobCount(), messages: await db().count(MessageEntity) };
    const { client } = await session({ local: '127.0.0.2' });
    await client.command('MAIL FROM:<jan@zorg.example>');
    await client.command('RCPT TO:<patient@example.nl>');
    expect((await client.command('DATA')).code).toBe(354);
    const partial = mimeMessage({
      headers: { 'X-Zegel-Classification': 'registered' },
      attachments: [
        { name: 'a.bin', type: 'application/octet-stream', content: randomBytes(20_000) },
        { name: 'b.bin', type: 'application/octet-stream', content: randomBytes(60_000) },
      ],
    });
    client.write(partial.slice(0, Math.floor(partial.length * 0.7)));
    // The first attachment is in the vault before the client vanishes.
    await waitFor(async () => blobCount() > before.blobs);
    client.destroy();
    await waitFor(async () => blobCount() === before.blobs);
    expect(await db().count(MessageEntity)).toBe(before.messages);
    // The process is fine: the next client is served.
    expect(
      (await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'confidential' } }))).code,
    ).toBe(250);
  });

  it.each([
    [
      'a multipart without its closing boundary',
      'Subject: x\r\nX-Zegel-Classification: confidential\r\nContent-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nhalf\r\n--q\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n',
    ],
    ['binary junk without headers', randomBytes(5_000).toString('latin1')],
    [
      'a header block without a body',
      'X-Zegel-Classification: registered\r\nSubject: only headers',
    ],
    [
      'a bad charset and encoded words',
      'X-Zegel-Classification: confidential\r\nSubject: =?x-unknown?B?////?=\r\nContent-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n',
    ],
    [
      'nested multiparts 200 deep',
      'X-Zegel-Classification: confidential\r\n' +
        Array.from(
          { length: 200 },
          (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`,
        ).join('') +
        'Content-Type: text/plain\r\n\r\ndeep\r\n',
    ],
  ])('answers %s cleanly and keeps serving', async (_name, message) => {
    const reply = await send(message);
    expect([250, 550, 552, 554]).toContain(reply.code);
    if (reply.code === 250)
      expect(await db().findOneBy(MessageEntity, { id: storedId(reply.text)! })).not.toBeNull();
    expect(
      (await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'confidential' } }))).code,
    ).toBe(250);
  });

  it("refuses Zegel's own mail coming back (loop prevention)", async () => {
    const reply = await send(
      mimeMessage({
        headers: { 'X-Zegel-Classification': 'registered', 'X-Zegel-Processed': 'notification' },
      }),
    );
    expect(reply.code).toBe(554);
    expect(reply.text).toContain('5.4.6');
  });

  it('refuses unprotected mail when no smart host is configured, with a clear reply', async () => {
    const before = blobCount();
    const reply = await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'public' } }));
    expect(reply.code).toBe(550);
    expect(reply.text).toMatch(/5\.7\.1 .*"public" is not Zegel's to deliver/);
    expect(blobCount()).toBe(before);
  });

  it('classifies unlabelled mail by the mail-flow rules, then by the default', async () => {
    const created = await http(
      `${zegel.url}/api/v1/admin/mail-flow-rules`,
      jsonRequest({
        name: 'Medical results',
        conditions: { subjectKeywords: ['uitslag'], hasAttachment: true },
        classification: 'registered',
      }),
    );
    expect(created.status).toBe(201);
    const preview = await http(
      `${zegel.url}/api/v1/admin/mail-flow-rules/preview`,
      jsonRequest({
        sender: 'jan@zorg.example',
        recipients: ['p@example.nl'],
        subject: 'Uitslag',
        attachmentCount: 1,
      }),
    );
    expect(preview.json()).toMatchObject({ classification: 'registered' });

    const matched = await send(
      mimeMessage({
        subject: 'Uw uitslag',
        attachments: [{ name: 'a.pdf', type: 'application/pdf', content: Buffer.from('%PDF') }],
      }),
    );
    expect(matched.code).toBe(250);
    expect(
      (await db().findOneByOrFail(MessageEntity, { id: storedId(matched.text)! })).classification,
    ).toBe('registered');

    const unmatched = await send(mimeMessage({ subject: 'Uw uitslag' })); // no attachment: rule fails
    expect(unmatched.code).toBe(250);
    expect(
      (await db().findOneByOrFail(MessageEntity, { id: storedId(unmatched.text)! })).classification,
    ).toBe('confidential');
    expect(blobCount()).toBeGreaterThan(0);
  });

  it('takes the strictest label when the header comes twice: a weaker one never downgrades', async () => {
    const reply = await send(
      'X-Zegel-Classification: public\r\nX-Zegel-Classification: registered\r\nSubject: twice\r\n\r\nbody\r\n',
    );
    expect(reply.code).toBe(250);
    const stored = await db().findOneByOrFail(MessageEntity, { id: storedId(reply.text)! });
    expect(stored.classification).toBe('registered');
  });

  it('refuses an unknown classification and a bad recipient address', async () => {
    expect(
      (await send(mimeMessage({ headers: { 'X-Zegel-Classification': 'secret' } }))).code,
    ).toBe(550);
    const { client } = await session({ local: '127.0.0.2' });
    await client.command('MAIL FROM:<jan@zorg.example>');
    expect((await client.command('RCPT TO:<not-an-address>')).code).toBeGreaterThanOrEqual(500);
    await client.quit();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
