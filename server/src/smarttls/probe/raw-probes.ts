import type { CipherFinding, DhGroupFinding, LegacyFinding, TlsVersion } from '../smarttls.types';
import { gradeCipher, gradeDhGroup } from '../grading/tls-grading.util';
import { LEGACY_CODES, SSLV2_SPECS, TLS12_CODES } from './cipher-codes.util';
import {
  buildClientHello,
  buildSslv2ClientHello,
  identifyPrime,
  type RawVersion,
} from './raw-tls.util';
import { rawHello, type RawOutcome } from './raw-tls.probe';
import type { StarttlsTarget } from './smtp-starttls';

export interface RawProbeOptions {
  target: StarttlsTarget;
  host: string;
  /** Runs a probe within the per-host connection limit. */
  run: <T>(task: () => Promise<T>) => Promise<T>;
  /** Counts a probe whose outcome stayed unknown. */
  inconclusive: () => void;
}

const ALL_CODES = [...Object.values(TLS12_CODES), ...Object.values(LEGACY_CODES)];
const DHE_CODES = Object.entries(TLS12_CODES)
  .filter(([name]) => /^TLS_DHE_/.test(name))
  .map(([, code]) => code);
const MAX_ROUNDS = 40;

function hello(options: RawProbeOptions, bytes: Buffer): Promise<RawOutcome> {
  return options.run(async () => {
    const outcome = await rawHello(options.target, bytes, options.target.timeouts.handshakeMs);
    if (outcome.kind === 'inconclusive') options.inconclusive();
    return outcome;
  });
}

/** true: accepted; false: refused (alert, hang-up, another version); null: unknown. */
function accepted(outcome: RawOutcome, version: string): boolean | null {
  if (outcome.kind === 'inconclusive') return null;
  if (outcome.kind === 'closed') return false;
  const flight = outcome.flight;
  return flight.kind === 'hello' && flight.version === version;
}

/**
 * SSLv2, SSLv3, and for TLS 1.0–1.2 the suites Node's OpenSSL cannot offer (RC4, 3DES, DES, IDEA,
 * EXPORT, NULL), found by iterative removal: offer them all, note the one chosen, offer the rest.
 */
export async function probeLegacy(options: RawProbeOptions): Promise<LegacyFinding> {
  const [sslv2, sslv3, ...perVersion] = await Promise.all([
    hello(options, buildSslv2ClientHello(Object.values(SSLV2_SPECS))).then((o) =>
      o.kind === 'inconclusive' ? null : o.kind === 'answer' && o.flight.kind === 'sslv2',
    ),
    hello(options, buildClientHello({ version: 'SSLv3', suites: ALL_CODES })).then((o) =>
      accepted(o, 'SSLv3'),
    ),
    ...(['TLSv1', 'TLSv1.1', 'TLSv1.2'] as const).map((v) => legacySuites(options, v)),
  ]);
  return { sslv2, sslv3, suites: perVersion.flat() };
}

async function legacySuites(
  options: RawProbeOptions,
  version: RawVersion,
): Promise<CipherFinding[]> {
  const offered = Object.values(LEGACY_CODES);
  const found: CipherFinding[] = [];
  for (let round = 0; round < MAX_ROUNDS && offered.length; round++) {
    const outcome = await hello(
      options,
      buildClientHello({ version, suites: offered, servername: options.host }),
    );
    if (outcome.kind !== 'answer' || outcome.flight.kind !== 'hello') break;
    if (outcome.flight.version !== version) break;
    const at = offered.indexOf(outcome.flight.suiteCode);
    if (at < 0) break; // a suite we did not offer: stop rather than loop
    offered.splice(at, 1);
    found.push({
      name: outcome.flight.suite,
      openssl: outcome.flight.suite,
      version: version as TlsVersion,
      grade: gradeCipher(outcome.flight.suite, version as TlsVersion),
    });
  }
  return found;
}

export interface HelloDetails {
  compression: boolean | null;
  secureRenegotiation: boolean | null;
  dhGroup: DhGroupFinding | null;
  /** Whether the server chose a DHE suite at all when offered only those. */
  dhe: boolean | null;
}

/**
 * At the best version up to TLS 1.2: whether the server picks DEFLATE when offered (CRIME), shows
 * RFC 5746 secure renegotiation, and which DH prime it uses when offered only DHE suites.
 */
export async function probeHelloDetails(
  options: RawProbeOptions,
  version: RawVersion,
): Promise<HelloDetails> {
  const [general, dhe] = await Promise.all([
    hello(
      options,
      buildClientHello({
        version,
        suites: Object.values(TLS12_CODES),
        servername: options.host,
        compression: [1, 0],
      }),
    ),
    hello(options, buildClientHello({ version, suites: DHE_CODES, servername: options.host })),
  ]);
  const details: HelloDetails = {
    compression: null,
    secureRenegotiation: null,
    dhGroup: null,
    dhe: null,
  };
  if (general.kind === 'answer' && general.flight.kind === 'hello') {
    details.compression = general.flight.compression !== 0;
    details.secureRenegotiation = general.flight.secureRenegotiation;
  }
  if (dhe.kind === 'answer' && dhe.flight.kind === 'hello') {
    details.dhe = true;
    const prime = dhe.flight.keyExchange?.prime;
    if (prime) {
      const id = identifyPrime(prime);
      details.dhGroup = { ...id, grade: gradeDhGroup(id.name) };
    }
  } else if (dhe.kind !== 'inconclusive') details.dhe = false;
  return details;
}
