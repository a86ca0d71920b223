import { Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { MetricsEndpoint } from '../../server/src/health/metrics-endpoint.service';
import { makeConnectorCerts, type ConnectorCerts } from '../support/connector-certs';
import { RawSmtpClient } from '../support/connector-smtp-client';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(60_000);
const PASSWORD = randomBytes(24).toString('base64url');
const plain = (user: string, password: string) =>
  `AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`;

/** SMTP AUTH guessing limits, TLS handshake logging and permanent refusal of unparseable mail. */
describe('SMTP connector hardening', () => {
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
        ZEGEL_SMTP_AUTH_USERS: `exchange:${createHash('sha256').update(PASSWORD).digest('hex')}`,
        ZEGEL_SMTP_AUTH_MAX_FAILURES: '5',
        ZEGEL_SMTP_AUTH_DELAY_MS: '20',
      },
    });
    port = zegel.app.get(SmtpConnector).port;
  });
  afterAll(async () => {
    await zegel?.close();
    certs?.cleanup();
  });

  async function tlsSession(local: string) {
    const { client } = await RawSmtpClient.open(port, local);
    await client.command('EHLO exchange.test');
    expect((await client.starttls({ ca: readFileSync(certs.caFile) })).code).toBe(220);
    expect((await client.command('EHLO exchange.test')).code).toBe(250);
    return client;
  }

  const metric = async (name: string) => {
    const text = (
      await http(`http://127.0.0.1:${zegel.app.get(MetricsEndpoint).port}/metrics`)
    ).text();
    const line = text.split('\n').find((l) => l.startsWith(name));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('closes a session after three failures, locks the address, and refuses even the right password while locked', async () => {
    const first = await tlsSession('127.0.0.5');
    expect((await first.command(plain('exchange', 'guess-1'))).code).toBe(535);
    expect((await first.command(plain('exchange', 'guess-2'))).code).toBe(535);
    const third = await first.command(plain('exchange', 'guess-3'));
    expect(third.code).toBe(421);
    await new Promise((r) => setTimeout(r, 100));
    expect(first.isClosed).toBe(true);

    const second = await tlsSession('127.0.0.5');
    expect((await second.command(plain('exchange', 'guess-4'))).code).toBe(535);
    expect((await second.command(plain('exchange', 'guess-5'))).code).toBe(421);

    const third2 = await tlsSession('127.0.0.5');
    const refused = await third2.command(plain('exchange', PASSWORD));
    expect(refused.code).toBe(421);
    expect(refused.text).toMatch(/Too many failed authentication attempts/);

    // Another client address is not affected.
    const other = await tlsSession('127.0.0.6');
    expect((await other.command(plain('exchange', PASSWORD))).code).toBe(235);
    await other.quit();

    expect(await metric('zegel_smtp_auth_failures_total{reason="invalid"}')).toBe(5);
    expect(await metric('zegel_smtp_auth_failures_total{reason="locked"}')).toBe(1);
    expect(await metric('zegel_smtp_auth_lockouts_total')).toBe(1);
  });

  it('logs a failed TLS 1.1 handshake once, as a warning, never as an error', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    try {
      const socket = netConnect({ port, host: '127.0.0.1' });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const waitFor = async (re: RegExp) => {
        for (let i = 0; i < 100 && !re.test(text); i++) await new Promise((r) => setTimeout(r, 20));
      };
      await waitFor(/^220 /m);
      socket.write('EHLO old.client\r\n');
      await waitFor(/^250 /m);
      socket.write('STARTTLS\r\n');
      await waitFor(/^220 .*TLS/im);
      socket.removeAllListeners('data');
      const secure = tlsConnect({
        socket,
        servername: 'localhost',
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
        rejectUnauthorized: false,
      });
      await new Promise<void>((resolve) => {
        secure.once('error', () => resolve());
        secure.once('secureConnect', () => resolve());
      });
      secure.destroy();
      await new Promise((r) => setTimeout(r, 300));
      const handshake = warn.mock.calls.filter((c) => c[1] === 'SMTP TLS handshake failed');
      expect(handshake).toHaveLength(1);
      expect(error.mock.calls.filter((c) => c[1] === 'SMTP server error')).toEqual([]);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses a message its MIME parser cannot read with 554, not 451', async () => {
    const client = await tlsSession('127.0.0.2');
    expect((await client.command('MAIL FROM:<jan@zorg.example>')).code).toBe(250);
    expect((await client.command('RCPT TO:<patient@example.nl>')).code).toBe(250);
    // A part header over mailsplit's 1 MiB limit: the same result however often it is sent.
    const folded = Array.from({ length: 1400 }, () => ` ${'x'.repeat(800)}`).join('\r\n');
    const message = [
      'From: jan@zorg.example',
      'To: patient@example.nl',
      'Subject: broken',
      'X-Zegel-Classification: confidential',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      `X-Junk:${folded}`,
      '',
      'hello',
      '--b--',
      '',
    ].join('\r\n');
    const reply = await client.data(message);
    expect(reply.code).toBe(554);
    expect(reply.text).toMatch(/5\.6\.0/);
    await client.quit();
  });
});
