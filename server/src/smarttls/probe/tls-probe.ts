import { X509Certificate } from 'node:crypto';
import type { ConnectionOptions, DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type {
  CipherFinding,
  DhGroupFinding,
  GradedName,
  LegacyFinding,
  StarttlsState,
  TlsVersion,
  VersionFinding,
} from '../smarttls.types';
import { TLS_VERSIONS } from '../smarttls.types';
import {
  canonicalGroup,
  gradeCipher,
  gradeGroup,
  gradeSignatureAlgorithm,
  gradeVersion,
} from '../grading/tls-grading.util';
import { probeHelloDetails, probeLegacy, type RawProbeOptions } from './raw-probes';
import { OPENSSL_TLS12_CIPHERS, TLS13_SUITES } from './cipher-list.util';
import { closeTls, startTls, type StarttlsOutcome, type StarttlsTarget } from './smtp-starttls';
import { UNRELATED_CA_PEM } from './unrelated-ca.util';

export interface TlsProbeOptions extends StarttlsTarget {
  host: string;
  /** The trust anchors for the PKIX verdict (system roots plus the extra CA file). */
  ca: string[];
  /** Connections to this host at a time. */
  concurrency: number;
  /** Epoch ms after which no new connection is opened (the check's time budget). */
  deadline?: number;
}

export interface TlsProbeResult {
  starttls: StarttlsState;
  smtpReply?: string;
  versions: VersionFinding[];
  ciphers: CipherFinding[];
  groups: GradedName[];
  negotiated?: { version: TlsVersion; cipher: string; group?: string };
  sha1KeyExchangeSignature: boolean | null;
  compression: boolean | null;
  secureRenegotiation: boolean | null;
  clientRenegotiation: boolean | null;
  dhGroups: DhGroupFinding[];
  signatureAlgorithms: GradedName[];
  legacy: LegacyFinding | null;
  /** The chain as sent, leaf first. */
  sent: X509Certificate[];
  authorized: boolean;
  authorizationError?: string;
  incompleteProbes: number;
}

const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';
const GROUPS_13 = [
  'X25519',
  'X448',
  'P-256',
  'P-384',
  'P-521',
  'ffdhe2048',
  'ffdhe3072',
  'ffdhe4096',
  'ffdhe6144',
  'ffdhe8192',
];
const GROUPS_12 = [
  'X25519',
  'X448',
  'P-256',
  'P-384',
  'P-521',
  'secp224r1',
  'brainpoolP256r1',
  'brainpoolP384r1',
  'brainpoolP512r1',
];
/**
 * Signature algorithms tried one at a time (OpenSSL spellings; SHA-1 and SHA-224 only exist as
 * the `+` form), with the names reported. PKCS#1 v1.5, SHA-1 and SHA-224 do not exist in TLS 1.3.
 */
const SIGALGS: readonly (readonly [string, string, boolean])[] = [
  ['ecdsa_secp256r1_sha256', 'ecdsa_secp256r1_sha256', true],
  ['ecdsa_secp384r1_sha384', 'ecdsa_secp384r1_sha384', true],
  ['ecdsa_secp521r1_sha512', 'ecdsa_secp521r1_sha512', true],
  ['ed25519', 'ed25519', true],
  ['ed448', 'ed448', true],
  ['rsa_pss_rsae_sha256', 'rsa_pss_rsae_sha256', true],
  ['rsa_pss_rsae_sha384', 'rsa_pss_rsae_sha384', true],
  ['rsa_pss_rsae_sha512', 'rsa_pss_rsae_sha512', true],
  ['rsa_pss_pss_sha256', 'rsa_pss_pss_sha256', true],
  ['rsa_pkcs1_sha256', 'rsa_pkcs1_sha256', false],
  ['rsa_pkcs1_sha384', 'rsa_pkcs1_sha384', false],
  ['rsa_pkcs1_sha512', 'rsa_pkcs1_sha512', false],
  ['ECDSA+SHA224', 'ecdsa_sha224', false],
  ['RSA+SHA224', 'rsa_pkcs1_sha224', false],
  ['ECDSA+SHA1', 'ecdsa_sha1', false],
  ['RSA+SHA1', 'rsa_pkcs1_sha1', false],
];
const IANA = new Map(OPENSSL_TLS12_CIPHERS.map(([openssl, iana]) => [openssl, iana]));

/** Runs at most `limit` tasks at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function groupOf(socket: TLSSocket): string | undefined {
  const info = socket.getEphemeralKeyInfo() as {
    type?: string;
    name?: string;
    size?: number;
  } | null;
  if (!info || !info.type) return undefined;
  return info.type === 'DH' ? `DH-${info.size}` : info.name;
}

/** The certificates the server sent, leaf first, read with a trust store that completes nothing. */
function sentChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * Probes one MX host: STARTTLS, then versions, suites (iterative removal for TLS ≤ 1.2, one by one
 * for TLS 1.3), groups and the certificate, over a few connections at a time.
 */
export async function probeTls(options: TlsProbeOptions): Promise<TlsProbeResult> {
  const limit = limiter(options.concurrency);
  const expired = () => options.deadline !== undefined && Date.now() > options.deadline;
  let incomplete = 0;
  const attempt = <T>(tls: ConnectionOptions, read: (socket: TLSSocket) => T) =>
    limit(async (): Promise<{ outcome: StarttlsOutcome; value?: T }> => {
      if (expired()) {
        incomplete++;
        return { outcome: { kind: 'inconclusive', problem: 'the time budget ran out' } };
      }
      const outcome = await startTls(options, { servername: options.host, ...tls });
      if (outcome.kind !== 'tls') {
        if (outcome.kind !== 'tls-refused') incomplete++;
        return { outcome };
      }
      try {
        return { outcome, value: read(outcome.socket) };
      } finally {
        closeTls(outcome.socket);
      }
    });

  const result: TlsProbeResult = {
    starttls: 'offered',
    versions: [],
    ciphers: [],
    groups: [],
    sha1KeyExchangeSignature: null,
    compression: null,
    secureRenegotiation: null,
    clientRenegotiation: null,
    dhGroups: [],
    signatureAlgorithms: [],
    legacy: null,
    sent: [],
    authorized: false,
    incompleteProbes: 0,
  };

  // What a default client gets, verified against the real trust anchors.
  // The name is checked apart (certificate.util), so `authorized` speaks of the chain alone.
  const chainOnly = { checkServerIdentity: () => undefined };
  const base = await attempt({ ca: options.ca, ...chainOnly }, (s) => ({
    version: s.getProtocol() as TlsVersion,
    cipher: s.getCipher().standardName,
    group: groupOf(s),
    authorized: s.authorized,
    error: s.authorizationError ? String(s.authorizationError) : undefined,
  }));
  const first = base.outcome;
  if (first.kind === 'unreachable' || first.kind === 'temporary' || first.kind === 'not-offered') {
    const starttls: StarttlsState =
      first.kind === 'unreachable'
        ? 'unreachable'
        : first.kind === 'temporary'
          ? 'temporarily-unavailable'
          : 'not-offered';
    return {
      ...result,
      starttls,
      smtpReply: 'reply' in first ? first.reply : first.problem,
      incompleteProbes: 0,
    };
  }
  if (first.kind === 'inconclusive') {
    return { ...result, starttls: 'unreachable', smtpReply: first.problem, incompleteProbes: 1 };
  }
  incomplete = 0;
  if (base.value) {
    result.negotiated = {
      version: base.value.version,
      cipher: base.value.cipher,
      group: base.value.group,
    };
    result.authorized = base.value.authorized;
    result.authorizationError = base.value.error;
  }

  const untrusted = { ca: [UNRELATED_CA_PEM] };
  const versionProbes = await Promise.all(
    TLS_VERSIONS.map((version) =>
      attempt(
        {
          ...untrusted,
          minVersion: version,
          maxVersion: version,
          ...(version === 'TLSv1.3' ? {} : { ciphers: LEGACY_CIPHERS }),
        },
        (s) => ({
          chain: sentChain(s),
          version: s.getProtocol() as TlsVersion,
          cipher: s.getCipher().standardName,
          group: groupOf(s),
        }),
      ),
    ),
  );
  result.versions = TLS_VERSIONS.map((version, i) => {
    const { outcome } = versionProbes[i];
    const supported = outcome.kind === 'tls' ? true : outcome.kind === 'tls-refused' ? false : null;
    return { version, supported, grade: gradeVersion(version) };
  });
  const best = [...versionProbes].reverse().find((p) => p.value)?.value;
  result.sent = best?.chain ?? [];
  if (!result.negotiated && best) {
    // Only a legacy handshake worked: record it, and check trust with legacy settings.
    result.negotiated = { version: best.version, cipher: best.cipher, group: best.group };
    const legacy = await attempt(
      {
        ca: options.ca,
        minVersion: best.version,
        maxVersion: best.version,
        ciphers: LEGACY_CIPHERS,
      },
      (s) => ({
        authorized: s.authorized,
        error: s.authorizationError ? String(s.authorizationError) : undefined,
      }),
    );
    result.authorized = legacy.value?.authorized ?? false;
    result.authorizationError = legacy.value?.error;
  }
  const supports = (v: TlsVersion) =>
    result.versions.find((f) => f.version === v)?.supported === true;

  const tasks: Promise<void>[] = [];
  if (supports('TLSv1.3')) {
    tasks.push(
      ...TLS13_SUITES.map(async (suite) => {
        const probe = await attempt(
          { ...untrusted, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: suite },
          () => true,
        );
        if (probe.value)
          result.ciphers.push({
            name: suite,
            openssl: suite,
            version: 'TLSv1.3',
            grade: gradeCipher(suite, 'TLSv1.3'),
          });
      }),
    );
  }
  const legacyBest = (['TLSv1.1', 'TLSv1'] as TlsVersion[]).find(supports);
  for (const version of [supports('TLSv1.2') ? 'TLSv1.2' : undefined, legacyBest].filter(
    Boolean,
  ) as TlsVersion[]) {
    tasks.push(enumerateCiphers(version));
  }
  if (supports('TLSv1.2')) {
    // Offer only SHA-1 signature algorithms: a server that still completes the handshake signs
    // its key exchange with SHA-1.
    tasks.push(
      (async () => {
        const probe = await attempt(
          {
            ...untrusted,
            minVersion: 'TLSv1.2',
            maxVersion: 'TLSv1.2',
            ciphers: 'ALL:@SECLEVEL=0',
            sigalgs: 'ECDSA+SHA1:RSA+SHA1',
          },
          () => true,
        );
        result.sha1KeyExchangeSignature =
          probe.value === true ? true : probe.outcome.kind === 'tls-refused' ? false : null;
      })(),
    );
  }
  const groupVersion: TlsVersion | undefined = supports('TLSv1.3')
    ? 'TLSv1.3'
    : supports('TLSv1.2')
      ? 'TLSv1.2'
      : undefined;
  const groups = new Map<string, GradedName>();
  if (groupVersion) {
    for (const group of groupVersion === 'TLSv1.3' ? GROUPS_13 : GROUPS_12) {
      tasks.push(
        (async () => {
          const probe = await attempt(
            { ...untrusted, minVersion: groupVersion, maxVersion: groupVersion, ecdhCurve: group },
            groupOf,
          );
          // A TLS 1.3 finite-field group shows as DH-<bits>: the name asked for says which one.
          const seen = probe.value;
          const name = seen ? canonicalGroup(seen.startsWith('DH-') ? group : seen) : undefined;
          if (name) groups.set(name, { name, grade: gradeGroup(name) });
        })(),
      );
    }
  }
  const raw: RawProbeOptions = {
    target: options,
    host: options.host,
    run: <T>(task: () => Promise<T>) =>
      limit(() =>
        expired()
          ? Promise.resolve({ kind: 'inconclusive', problem: 'the time budget ran out' } as T)
          : task(),
      ),
    inconclusive: () => incomplete++,
  };
  tasks.push(
    probeLegacy(raw).then((legacy) => {
      result.legacy = legacy;
    }),
  );
  const rawVersion = (['TLSv1.2', 'TLSv1.1', 'TLSv1'] as const).find(supports);
  if (rawVersion) {
    tasks.push(
      probeHelloDetails(raw, rawVersion).then((details) => {
        result.compression = details.compression;
        result.secureRenegotiation = details.secureRenegotiation;
        if (details.dhGroup) result.dhGroups = [details.dhGroup];
      }),
    );
  }
  if (supports('TLSv1.2')) {
    tasks.push(
      limit(async () => {
        if (expired()) return;
        result.clientRenegotiation = await clientRenegotiation();
      }),
    );
  }
  const sigVersion: TlsVersion | undefined = supports('TLSv1.3')
    ? 'TLSv1.3'
    : supports('TLSv1.2')
      ? 'TLSv1.2'
      : undefined;
  const sigalgs: GradedName[] = [];
  if (sigVersion) {
    for (const [openssl, name, in13] of SIGALGS) {
      if (sigVersion === 'TLSv1.3' && !in13) continue;
      tasks.push(
        (async () => {
          const probe = await attempt(
            {
              ...untrusted,
              minVersion: sigVersion,
              maxVersion: sigVersion,
              ciphers: 'ALL:@SECLEVEL=0',
              sigalgs: openssl,
            },
            () => true,
          );
          if (probe.value) sigalgs.push({ name, grade: gradeSignatureAlgorithm(name) });
        })(),
      );
    }
  }
  await Promise.all(tasks);
  // A version that only hand-built ClientHello records could speak (RC4, 3DES …) is supported too.
  for (const suite of result.legacy?.suites ?? []) {
    const finding = result.versions.find((v) => v.version === suite.version);
    if (finding) finding.supported = true;
  }
  result.signatureAlgorithms = SIGALGS.map(([, name]) =>
    sigalgs.find((s) => s.name === name),
  ).filter((s): s is GradedName => !!s);
  // Probes finish in any order; report TLS 1.3 first, each version in a stable order.
  const rank = (c: CipherFinding) =>
    c.version === 'TLSv1.3' ? TLS13_SUITES.indexOf(c.name as (typeof TLS13_SUITES)[number]) : 100;
  result.ciphers.sort(
    (a, b) =>
      TLS_VERSIONS.indexOf(b.version) - TLS_VERSIONS.indexOf(a.version) || rank(a) - rank(b),
  );
  const groupRank = (g: GradedName) =>
    GROUPS_13.concat(GROUPS_12).map(canonicalGroup).indexOf(g.name);
  result.groups = [...groups.values()].sort((a, b) => groupRank(a) - groupRank(b));
  result.incompleteProbes = incomplete;
  return result;

  /** TLS 1.2: does the server go along when the client starts a renegotiation? */
  async function clientRenegotiation(): Promise<boolean | null> {
    const outcome = await startTls(options, {
      servername: options.host,
      ...untrusted,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ALL:@SECLEVEL=0',
    });
    if (outcome.kind !== 'tls') {
      if (outcome.kind !== 'tls-refused') incomplete++;
      return null;
    }
    const socket = outcome.socket;
    try {
      return await new Promise<boolean | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), options.timeouts.handshakeMs);
        socket.on('error', () => {
          clearTimeout(timer);
          resolve(false);
        });
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(false);
        });
        const started = socket.renegotiate({ rejectUnauthorized: false }, (error) => {
          clearTimeout(timer);
          resolve(!error);
        });
        if (!started) {
          clearTimeout(timer);
          resolve(null);
        }
      });
    } finally {
      closeTls(socket);
    }
  }

  /** Iterative removal: offer every suite, note the one chosen, remove it, until none is accepted. */
  async function enumerateCiphers(version: TlsVersion): Promise<void> {
    const candidates = OPENSSL_TLS12_CIPHERS.map(([openssl]) => openssl);
    while (candidates.length) {
      const probe = await attempt(
        {
          ...untrusted,
          minVersion: version,
          maxVersion: version,
          ciphers: `${candidates.join(':')}:@SECLEVEL=0`,
        },
        (s) => ({ name: s.getCipher().name, group: groupOf(s) }),
      );
      if (!probe.value) return;
      const chosen = probe.value.name;
      const at = candidates.indexOf(chosen);
      if (at < 0) return; // the server picked a suite we did not offer: stop rather than loop
      candidates.splice(at, 1);
      const iana = IANA.get(chosen) ?? chosen;
      result.ciphers.push({
        name: iana,
        openssl: chosen,
        version,
        grade: gradeCipher(iana, version),
      });
      const dh = probe.value.group;
      if (dh?.startsWith('DH-') && !groups.has(dh))
        groups.set(dh, { name: dh, grade: gradeGroup(dh) });
    }
  }
}
