import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  envelopeFrom: string;
  envelopeTo: string[];
  secure: boolean;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** PEM of the self-signed certificate the sink presents for `localhost`. */
  caFile: string;
  mails: SinkMail[];
  /** Delay before answering DATA (the mail is kept first): a slow receiving server. */
  replyDelayMs: number;
  /** DATA commands received and not yet answered. */
  unanswered: number;
  /** Connections that broke mid-transaction (a sending instance killed, say). */
  connectionErrors: Error[];
  /** Connections accepted so far (a pooling client reuses one for several mails). */
  readonly connections: number;
  waitFor(predicate: (mail: SinkMail) => boolean, timeoutMs?: number): Promise<SinkMail>;
  close(): Promise<void>;
}

/**
 * A self-signed P-256 certificate for `localhost` (made by the openssl CLI, valid two days), as
 * `key.pem` and `cert.pem` in `dir`; the certificate is its own CA file.
 */
export function localhostCertificate(dir: string): { key: string; cert: string } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

/**
 * A real SMTP server on loopback that offers STARTTLS with a certificate made by the openssl CLI,
 * refuses mail sent without TLS, and keeps what it receives for the test to inspect.
 */
export async function startSmtpSink(options: { idleTimeoutMs?: number } = {}): Promise<SmtpSink> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-sink-'));
  const { key, cert } = localhostCertificate(dir);
  const mails: SinkMail[] = [];
  const waiters: (() => void)[] = [];
  const state = { replyDelayMs: 0, unanswered: 0, connections: 0 };
  const server = new SMTPServer({
    key: readFileSync(key),
    cert: readFileSync(cert),
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    // A relay closes a connection that stays idle this long (smtp-server's default: a minute).
    ...(options.idleTimeoutMs ? { socketTimeout: options.idleTimeoutMs } : {}),
    // Connections a pooling client keeps open must not hold up the end of a test for 30 s.
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      state.connections++;
      callback();
    },
    onMailFrom(_address, session, callback) {
      if (!session.secure)
        return callback(
          Object.assign(new Error('Must issue STARTTLS first'), { responseCode: 530 }),
        );
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              secure: session.secure,
              raw,
              parsed,
            });
            waiters.splice(0).forEach((w) => w());
            state.unanswered++;
            setTimeout(() => {
              state.unanswered--;
              callback();
            }, state.replyDelayMs);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // smtp-server reports a socket error inside a mail transaction (after MAIL FROM) as an 'error'
  // event on the server, and an 'error' event nobody listens to is thrown: a relay client that dies
  // mid-transaction (an instance SIGKILLed while it delivers) then surfaced as an unhandled
  // `read ECONNRESET` in the test process. Such a mail was not accepted; the sender tries again.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    caFile: cert,
    mails,
    get replyDelayMs() {
      return state.replyDelayMs;
    },
    set replyDelayMs(ms: number) {
      state.replyDelayMs = ms;
    },
    get unanswered() {
      return state.unanswered;
    },
    get connections() {
      return state.connections;
    },
    connectionErrors,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching mail within ${timeoutMs} ms (${mails.length} received)`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
