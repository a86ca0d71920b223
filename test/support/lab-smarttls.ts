import { execFileSync } from 'node:child_process';
import { constants, createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLabCa, type LabCa, type LabCertificate } from './lab-ca';
import { startLabDns, type LabDns, type LabZone } from './lab-dns';
import { startLabHttps, type LabHttps } from './lab-https';
import { startLegacyTls } from './lab-legacy-tls';
import { startLabSmtp, type LabSmtpOptions, type LabSmtpServer } from './lab-smtp';
import { freePort } from './server-process';

/** The MX hosts of the lab: name in zone mx.test, loopback address, and how the server behaves. */
export const LAB_HOSTS = {
  good: '127.0.0.2',
  tls13: '127.0.0.3',
  legacy: '127.0.0.4',
  noint: '127.0.0.5',
  selfsigned: '127.0.0.6',
  expired: '127.0.0.7',
  wrongname: '127.0.0.8',
  nostarttls: '127.0.0.9',
  busy: '127.0.0.10',
  slow: '127.0.0.12',
  silent: '127.0.0.13',
  // IPv6 loopback: TLS 1.2 with DHE only, over a weak custom 1024-bit prime.
  weakdh: '::1',
} as const;
export const LAB_POLICY_ADDRESS = '127.0.0.11';
/** A server of another age: SSLv2, SSLv3 and TLS 1.0 with RC4, 3DES, DES, EXPORT and NULL only. */
export const LAB_RELIC_ADDRESS = '127.0.0.15';
/** What the relic server accepts (IANA code points, RSA key exchange only). */
export const RELIC_SUITES = [0x0005, 0x0004, 0x000a, 0x0009, 0x0003, 0x0002];
/** ZEGEL_PRIVATE_TARGETS_ALLOWED for the lab: its servers live on loopback. */
export const LAB_PRIVATE_TARGETS = '127.0.0.0/8,::1/128';

export interface SmartTlsLab {
  dir: string;
  ca: LabCa;
  dns: LabDns;
  https: LabHttps;
  /** The port every lab MX and the MTA-STS server listen on. */
  port: number;
  servers: Record<keyof typeof LAB_HOSTS, LabSmtpServer>;
  certificates: Record<string, LabCertificate>;
  close(): Promise<void>;
}

const GOOD_CIPHERS = [
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
const certSha256 = (pem: string) =>
  createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');

const policy = (mode: string, mx: string[]) =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 86400', ''].join(
    '\r\n',
  );

/**
 * The whole SmartTLS lab: a test CA, one STARTTLS server per behaviour on its own loopback address,
 * DNSSEC-signed, unsigned and expired zones in unbound, and an HTTPS server for MTA-STS policies.
 *
 * Mail domains in the signed zone mail.test: dane, dane-ta, dane-mismatch, dane-bogus, legacy,
 * selfsigned-dane, twomx, nullmx (and absent.mail.test does not exist). In the unsigned zone
 * plain.test: unsigned, implicit (no MX, an address), nomail (neither), sts, sts-testing, sts-mismatch, sts-redirect, noint, selfsigned, expired, wrongname,
 * nostarttls, busy, slow (greets after a pause), silent (never greets in time), weakdh (IPv6 only,
 * DHE with a 1024-bit custom prime), relic (SSLv2/SSLv3/TLS 1.0 with RC4, 3DES, EXPORT, NULL). dual.mail.test has one MX with an IPv4 address (the good
 * server) and an IPv6 one (the weak-DH server). stale.test is signed with expired signatures.
 */
/** A 1024-bit DH prime of our own (DSA-style, fast to make): the "weak custom prime" case. */
function weakDhParams(dir: string): string {
  return execFileSync('openssl', ['dhparam', '-dsaparam', '1024'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
}

export async function startSmartTlsLab(
  options: { extraZones?: LabZone[] } = {},
): Promise<SmartTlsLab> {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-lab-'));
  const ca = createLabCa(join(dir, 'ca'));
  const certificates: Record<string, LabCertificate> = {
    good: ca.issue('good', {
      names: [
        'good.mx.test',
        'mismatch.mx.test',
        'bogus.mx.test',
        'implicit.plain.test',
        'dual.mx.test',
      ],
    }),
    tls13: ca.issue('tls13', { names: ['tls13.mx.test'] }),
    legacy: ca.issue('legacy', { names: ['legacy.mx.test'], key: 'rsa2048' }),
    noint: ca.issue('noint', { names: ['noint.mx.test'] }),
    selfsigned: ca.issue('selfsigned', {
      names: ['selfsigned.mx.test', 'selfsigned-dane.mx.test'],
      selfSigned: true,
    }),
    expired: ca.issue('expired', { names: ['expired.mx.test'], days: -1 }),
    wrongname: ca.issue('wrongname', { names: ['other.example.test'] }),
    nostarttls: ca.issue('nostarttls', { names: ['nostarttls.mx.test'] }),
    busy: ca.issue('busy', { names: ['busy.mx.test'] }),
    slow: ca.issue('slow', { names: ['slow.mx.test'] }),
    silent: ca.issue('silent', { names: ['silent.mx.test'] }),
    relic: ca.issue('relic', { names: ['relic.mx.test'], key: 'rsa2048' }),
    weakdh: ca.issue('weakdh', { names: ['weakdh.mx.test', 'dual.mx.test'], key: 'rsa2048' }),
    policies: ca.issue('policies', {
      names: [
        'mta-sts.sts.plain.test',
        'mta-sts.sts-testing.plain.test',
        'mta-sts.sts-mismatch.plain.test',
        'mta-sts.sts-redirect.plain.test',
      ],
    }),
    other: ca.issue('other', { names: ['unrelated.test'] }),
  };
  const c = certificates;
  const settings = (label: string, tls: LabSmtpOptions['tls'] = {}): LabSmtpOptions['tls'] => ({
    key: c[label].key,
    cert: c[label].chain,
    minVersion: 'TLSv1.2',
    ciphers: GOOD_CIPHERS,
    // OpenSSL's default groups include ffdhe2048, which the guidelines grade insufficient.
    ecdhCurve: 'X25519:P-256:P-384',
    // Client-initiated renegotiation phases out; only the expired host still allows it.
    secureOptions: constants.SSL_OP_NO_RENEGOTIATION,
    ...tls,
  });
  const configs: Record<keyof typeof LAB_HOSTS, Omit<LabSmtpOptions, 'address' | 'port'>> = {
    good: { tls: settings('good') },
    tls13: { tls: settings('tls13', { minVersion: 'TLSv1.3' }) },
    legacy: {
      tls: settings('legacy', {
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0',
      }),
    },
    noint: { tls: settings('noint', { cert: c.noint.cert }) },
    selfsigned: { tls: settings('selfsigned') },
    // Also signs its TLS 1.2 key exchange with SHA-1 when asked to.
    expired: {
      tls: settings('expired', { ciphers: `${GOOD_CIPHERS}:@SECLEVEL=0`, secureOptions: 0 }),
    },
    wrongname: { tls: settings('wrongname') },
    nostarttls: { tls: settings('nostarttls'), noStarttls: true },
    busy: { tls: settings('busy'), greetingCode: 421 },
    // Greets after a pause on every connection, as some servers do on purpose.
    slow: { tls: settings('slow'), greetingDelayMs: 600 },
    // Greets later than any client waits.
    silent: { tls: settings('silent'), greetingDelayMs: 20_000 },
    weakdh: {
      tls: settings('weakdh', {
        maxVersion: 'TLSv1.2',
        ciphers: 'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0',
        dhparam: weakDhParams(dir),
      }),
    },
  };

  let port = 0;
  let servers: Partial<Record<keyof typeof LAB_HOSTS, LabSmtpServer>> = {};
  let https: LabHttps | undefined;
  let relic: { close(): Promise<void> } | undefined;
  for (let attempt = 0; attempt < 5 && !https; attempt++) {
    port = await freePort();
    servers = {};
    try {
      for (const [label, address] of Object.entries(LAB_HOSTS) as [
        keyof typeof LAB_HOSTS,
        string,
      ][]) {
        servers[label] = await startLabSmtp({
          address,
          port,
          hostname: `${label}.mx.test`,
          ...configs[label],
        });
      }
      relic = await startLegacyTls({
        address: LAB_RELIC_ADDRESS,
        port,
        hostname: 'relic.mx.test',
        certificate: new X509Certificate(c.relic.cert).raw,
        versions: [0x0300, 0x0301],
        suites: RELIC_SUITES,
        sslv2Specs: [0x010080, 0x0700c0],
      });
      https = await startLabHttps(LAB_POLICY_ADDRESS, port, [
        {
          name: 'mta-sts.sts.plain.test',
          key: c.policies.key,
          chain: c.policies.chain,
          body: policy('enforce', ['*.mx.test']),
        },
        {
          name: 'mta-sts.sts-testing.plain.test',
          key: c.policies.key,
          chain: c.policies.chain,
          body: policy('testing', ['*.mx.test']),
        },
        {
          name: 'mta-sts.sts-mismatch.plain.test',
          key: c.policies.key,
          chain: c.policies.chain,
          body: policy('enforce', ['mx.elsewhere.test']),
        },
        // Redirects must not be followed (RFC 8461 section 3.3).
        {
          name: 'mta-sts.sts-redirect.plain.test',
          key: c.policies.key,
          chain: c.policies.chain,
          body: '',
          status: 301,
          location: 'https://mta-sts.sts.plain.test/.well-known/mta-sts.txt',
        },
      ]);
    } catch (error) {
      await Promise.all([...Object.values(servers).map((s) => s.close()), relic?.close()]);
      relic = undefined;
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (!https) throw new Error('no free port for the lab servers');

  const tlsa = (host: string) => `_${port}._tcp.${host}`;
  const zones: LabZone[] = [
    {
      name: 'mx.test',
      signing: 'signed',
      records: [
        ...Object.entries(LAB_HOSTS).map(
          ([label, address]) => `${label} ${address.includes(':') ? 'AAAA' : 'A'} ${address}`,
        ),
        // Two addresses: the good server on IPv4, the weak-DH one on IPv6.
        `relic A ${LAB_RELIC_ADDRESS}`,
        `dual A ${LAB_HOSTS.good}`,
        `dual AAAA ${LAB_HOSTS.weakdh}`,
        `mismatch A ${LAB_HOSTS.good}`,
        `bogus A ${LAB_HOSTS.good}`,
        `selfsigned-dane A ${LAB_HOSTS.selfsigned}`,
        `${tlsa('good')} TLSA 3 1 1 ${spkiSha256(c.good.cert)}`,
        `${tlsa('mismatch')} TLSA 3 1 1 ${spkiSha256(c.other.cert)}`,
        `${tlsa('bogus')} TLSA 3 1 1 ${spkiSha256(c.good.cert)}`,
        `${tlsa('tls13')} TLSA 2 0 1 ${certSha256(ca.intermediatePem)}`,
        `${tlsa('selfsigned-dane')} TLSA 3 1 1 ${spkiSha256(c.selfsigned.cert)}`,
      ],
      tamper: [{ owner: `${tlsa('bogus')}.mx.test.`, type: 'TLSA' }],
    },
    {
      name: 'mail.test',
      signing: 'signed',
      records: [
        'dane MX 10 good.mx.test.',
        'dane TXT "v=NTA7516-1;startdate=2024-01;enddate=2099-12;provider=lab;ntamx=10 good.mx.test"',
        'dane-ta MX 10 tls13.mx.test.',
        'dane-mismatch MX 10 mismatch.mx.test.',
        'dane-bogus MX 10 bogus.mx.test.',
        'legacy MX 10 legacy.mx.test.',
        'selfsigned-dane MX 10 selfsigned-dane.mx.test.',
        'twomx MX 10 good.mx.test.',
        'twomx MX 20 legacy.mx.test.',
        'dual MX 10 dual.mx.test.',
        'nullmx MX 0 .',
      ],
    },
    {
      name: 'plain.test',
      signing: 'unsigned',
      records: [
        'unsigned MX 10 good.mx.test.',
        // No MX: the domain's own address is the mail server.
        `implicit A ${LAB_HOSTS.good}`,
        // Neither MX nor address.
        'nomail TXT "no mail here"',
        ...['sts', 'sts-testing', 'sts-mismatch', 'sts-redirect'].flatMap((d) => [
          `${d} MX 10 good.mx.test.`,
          `_mta-sts.${d} TXT "v=STSv1; id=20260101"`,
          `mta-sts.${d} A ${LAB_POLICY_ADDRESS}`,
        ]),
        'sts TXT "v=NTA7516;version:2019-06;expire:2019-10;provider:lab;ntamx:good.mx.test"',
        ...[
          'noint',
          'selfsigned',
          'expired',
          'wrongname',
          'nostarttls',
          'busy',
          'slow',
          'silent',
          'weakdh',
          'relic',
        ].map((d) => `${d} MX 10 ${d}.mx.test.`),
      ],
    },
    { name: 'stale.test', signing: 'expired', records: ['@ MX 10 good.mx.test.'] },
    ...(options.extraZones ?? []),
  ];
  const dns = await startLabDns(join(dir, 'dns'), zones);

  return {
    dir,
    ca,
    dns,
    https,
    port,
    servers: servers as Record<keyof typeof LAB_HOSTS, LabSmtpServer>,
    certificates,
    close: async () => {
      await Promise.all([
        dns.close(),
        https!.close(),
        relic!.close(),
        ...Object.values(servers).map((s) => s.close()),
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
