import { createHash, X509Certificate } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { createLabCa, type LabCa } from './lab-ca';
import { startLabDns, type LabDns } from './lab-dns';
import { freePort } from './server-process';

/** A message as a delivery-lab MX received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  /** TLS protocol and cipher of the session, null in the clear. */
  tls: { protocol?: string; cipher?: string } | null;
}

/** How one lab MX answers; mutable while the lab runs. */
export interface MxBehaviour {
  /** Replies to give at the end of DATA before accepting, in order (e.g. [451, 451]). */
  dataReplies: number[];
  /** Reply to every RCPT TO (e.g. 550); undefined accepts. */
  rcptReply?: number;
  /** Delay before the greeting, in ms (keeps sessions in flight). */
  greetingDelayMs: number;
  /** Offer no STARTTLS and refuse the command (a downgrade by an attacker in the path). */
  noStarttls?: boolean;
}

export interface DeliveryMx {
  host: string;
  address: string;
  received: ReceivedMail[];
  /** DATA attempts seen, accepted or not. */
  attempts: number;
  /** Connections open right now. */
  open: number;
  /** Connections accepted since the lab started. */
  connections: number;
  /** Cuts every open connection (a host that closes idle sessions, or restarts). */
  dropConnections(): void;
  behaviour: MxBehaviour;
  /** Serve another certificate from now on (an impostor, a renewed key). */
  setCertificate(tls: { key: string; cert: string }): void;
}

const MX = {
  good: '127.0.0.20',
  flaky: '127.0.0.21',
  reject: '127.0.0.22',
  weak: '127.0.0.23',
  org: '127.0.0.24',
  swap: '127.0.0.25',
} as const;
export type MxName = keyof typeof MX;
/** Where a TLSRPT https receiver of a test listens (reports.dlv.test, on the lab port). */
export const TLSRPT_RECEIVER_ADDRESS = '127.0.0.26';

export interface DeliveryLab {
  dir: string;
  ca: LabCa;
  dns: LabDns;
  port: number;
  mx: Record<MxName, DeliveryMx>;
  /** A certificate for swap.mx.dlv.test from the lab CA whose key the TLSA record does not pin. */
  impostor: { key: string; cert: string };
  /** PEM key and file for DKIM signing as zegel.test. */
  dkimKeyFile: string;
  dkimPublicKey: string;
  /** The env for a Zegel that delivers into this lab. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/**
 * Recipient domains: pass.dlv.test (DANE, direct), flaky.dlv.test and reject.dlv.test (DANE; replies
 * set per test), swap.dlv.test (DANE; its MX can change certificate), weak.test (self-signed, no
 * DANE: pickup). Senders live in zegel.test.
 */
export const DOMAINS = {
  pass: 'pass.dlv.test',
  flaky: 'flaky.dlv.test',
  reject: 'reject.dlv.test',
  swap: 'swap.dlv.test',
  weak: 'weak.test',
  sender: 'zegel.test',
};

const CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
].join(':');

const spkiSha256 = (pem: string) =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');

function startMx(
  name: MxName,
  port: number,
  tls: { key: string; cert: string },
): Promise<{ mx: DeliveryMx; close: () => Promise<void> }> {
  const mx: DeliveryMx = {
    host: `${name}.mx.dlv.test`,
    address: MX[name],
    received: [],
    attempts: 0,
    open: 0,
    connections: 0,
    behaviour: { dataReplies: [], greetingDelayMs: 0 },
    setCertificate: (next) => server.updateSecureContext({ key: next.key, cert: next.cert }),
    dropConnections: () => {
      const open = (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> })
        .connections;
      for (const connection of open) connection._socket?.destroy();
    },
  };
  const options: SMTPServerOptions = {
    name: mx.host,
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    key: tls.key,
    cert: tls.cert,
    minVersion: 'TLSv1.2',
    ciphers: CIPHERS,
    ecdhCurve: 'X25519:P-256:P-384',
    onConnect(session, callback) {
      mx.open++;
      mx.connections++;
      if (mx.behaviour.noStarttls) {
        (session as unknown as { disabledCommands: string[] }).disabledCommands = [
          'AUTH',
          'STARTTLS',
        ];
      }
      setTimeout(() => callback(), mx.behaviour.greetingDelayMs).unref();
    },
    onClose() {
      mx.open--;
    },
    onRcptTo(_address, _session, callback) {
      const code = mx.behaviour.rcptReply;
      if (code) callback(Object.assign(new Error('No such user here'), { responseCode: code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mx.attempts++;
        const code = mx.behaviour.dataReplies.shift();
        if (code) {
          callback(Object.assign(new Error('Try again later'), { responseCode: code }));
          return;
        }
        const info = session.secure
          ? (session as unknown as { tlsOptions?: { name?: string; version?: string } }).tlsOptions
          : null;
        mx.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          tls: info ? { protocol: info.version, cipher: info.name } : null,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer({ ...options, closeTimeout: 500 });
  server.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, MX[name], () => {
      server.server.removeListener('error', reject);
      resolve({ mx, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

/**
 * The delivery lab: real STARTTLS MX hosts on 127.0.0.20–24 (one port), DNSSEC-signed zones with
 * TLSA records in unbound, a test CA, and a DKIM key for the sending domain zegel.test.
 */
export async function startDeliveryLab(): Promise<DeliveryLab> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-dlv-'));
  const ca = createLabCa(join(dir, 'ca'));
  const certs = {
    good: ca.issue('good', { names: ['good.mx.dlv.test'] }),
    flaky: ca.issue('flaky', { names: ['flaky.mx.dlv.test'] }),
    reject: ca.issue('reject', { names: ['reject.mx.dlv.test'] }),
    weak: ca.issue('weak', { names: ['mx.weak.test'], selfSigned: true }),
    org: ca.issue('org', { names: ['org.mx.dlv.test'] }),
    swap: ca.issue('swap', { names: ['swap.mx.dlv.test'] }),
  };
  // Trusted by the CA and naming the host, but not the key the TLSA record pins.
  const impostor = ca.issue('impostor', { names: ['swap.mx.dlv.test'] });
  let port = 0;
  let servers: { mx: DeliveryMx; close: () => Promise<void> }[] = [];
  for (let attempt = 0; attempt < 5 && !servers.length; attempt++) {
    port = await freePort();
    const started: typeof servers = [];
    try {
      for (const name of Object.keys(MX) as MxName[]) {
        started.push(await startMx(name, port, { key: certs[name].key, cert: certs[name].chain }));
      }
      servers = started;
    } catch (error) {
      await Promise.all(started.map((s) => s.close()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (!servers.length) throw new Error('no free port for the delivery lab');
  const tlsa = (label: string) =>
    `_${port}._tcp.${label}.mx TLSA 3 1 1 ${spkiSha256(certs[label as MxName].cert)}`;
  const dns = await startLabDns(join(dir, 'dns'), [
    {
      name: 'dlv.test',
      signing: 'signed',
      records: [
        ...(['good', 'flaky', 'reject', 'org', 'swap'] as const).flatMap((l) => [
          `${l}.mx A ${MX[l]}`,
          tlsa(l),
        ]),
        'pass MX 10 good.mx.dlv.test.',
        // TLS reporting (RFC 8460): reports by mail to zegel.test and by https to the lab receiver.
        `_smtp._tls.pass TXT "v=TLSRPTv1; rua=mailto:tlsrpt@zegel.test,https://reports.dlv.test:${port}/tlsrpt"`,
        `reports A ${TLSRPT_RECEIVER_ADDRESS}`,
        'flaky MX 10 flaky.mx.dlv.test.',
        'reject MX 10 reject.mx.dlv.test.',
        'swap MX 10 swap.mx.dlv.test.',
      ],
    },
    {
      name: 'weak.test',
      signing: 'unsigned',
      records: ['@ MX 10 mx.weak.test.', `mx A ${MX.weak}`],
    },
    { name: 'zegel.test', signing: 'signed', records: ['@ MX 10 org.mx.dlv.test.'] },
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimKeyFile = join(dir, 'dkim.pem');
  writeFileSync(dkimKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const mx = Object.fromEntries(servers.map((s, i) => [Object.keys(MX)[i], s.mx])) as Record<
    MxName,
    DeliveryMx
  >;
  return {
    dir,
    ca,
    dns,
    port,
    mx,
    impostor: { key: impostor.key, cert: impostor.chain },
    dkimKeyFile,
    dkimPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    env: (extra = {}) => ({
      ZEGEL_OUTBOUND_MODE: 'direct',
      ZEGEL_DNS_RESOLVER: dns.address,
      ZEGEL_CA_FILE: ca.rootFile,
      ZEGEL_MX_PORT: String(port),
      ZEGEL_MAIL_FROM: 'Zegel <zegel@zegel.test>',
      ZEGEL_ROUTE_CHECK_TIMEOUT_MS: '30000',
      ZEGEL_DELIVERY_RETRY_SECONDS: '0.3',
      ZEGEL_DKIM_DOMAIN: 'zegel.test',
      ZEGEL_DKIM_SELECTOR: 'lab',
      ZEGEL_DKIM_KEY_FILE: dkimKeyFile,
      // The lab's MX hosts live on loopback, which the outbound guard refuses by default.
      ZEGEL_PRIVATE_TARGETS_ALLOWED: '127.0.0.0/8,::1/128',
      ...extra,
    }),
    close: async () => {
      await Promise.all([dns.close(), ...servers.map((s) => s.close())]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the condition holds (no fixed sleeps); fails with the description after the timeout. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
