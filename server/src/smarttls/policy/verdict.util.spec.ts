import type { MtaStsFinding, MxFinding, SmartTlsPolicy } from '../smarttls.types';
import { decideVerdict, evaluateHost, type DomainFacts, type HostOutcome } from './verdict.util';

/** A host that passes everything: TLS 1.3 and 1.2, good suites, trusted certificate for its name. */
function host(overrides: Partial<MxFinding> = {}): MxFinding {
  return {
    host: 'mx.example.nl',
    preference: 10,
    address: '192.0.2.1',
    addresses: ['192.0.2.1'],
    addressDnssec: 'secure',
    port: 25,
    starttls: 'offered',
    versions: [
      { version: 'TLSv1', supported: false, grade: 'insufficient' },
      { version: 'TLSv1.1', supported: false, grade: 'insufficient' },
      { version: 'TLSv1.2', supported: true, grade: 'sufficient' },
      { version: 'TLSv1.3', supported: true, grade: 'good' },
    ],
    ciphers: [
      {
        name: 'TLS_AES_256_GCM_SHA384',
        openssl: 'TLS_AES_256_GCM_SHA384',
        version: 'TLSv1.3',
        grade: 'good',
      },
    ],
    groups: [{ name: 'X25519', grade: 'good' }],
    sha1KeyExchangeSignature: false,
    compression: false,
    secureRenegotiation: true,
    clientRenegotiation: false,
    dhGroups: [],
    signatureAlgorithms: [],
    legacy: { sslv2: false, sslv3: false, suites: [] },
    negotiated: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', group: 'X25519' },
    certificate: {
      chain: [],
      names: ['mx.example.nl'],
      trusted: true,
      nameMatches: true,
      expired: false,
      selfSigned: false,
      chainIncomplete: false,
      grade: 'good',
    },
    dane: {
      tlsaName: '_25._tcp.mx.example.nl',
      state: 'none',
      dnssec: 'secure',
      records: [],
      matched: null,
    },
    mtaStsMatch: null,
    grade: 'good',
    passes: null,
    reasons: [],
    incompleteProbes: 0,
    durationMs: 1,
    ...overrides,
  };
}

const noSts: MtaStsFinding = { state: 'none' };
const enforce: MtaStsFinding = {
  state: 'found',
  id: '1',
  policy: { version: 'STSv1', mode: 'enforce', mx: ['mx.example.nl'], maxAge: 86400 },
};
const testing: MtaStsFinding = { ...enforce, policy: { ...enforce.policy!, mode: 'testing' } };
const daneMatch: Partial<MxFinding> = {
  dane: { tlsaName: 't', state: 'usable', dnssec: 'secure', records: [], matched: true },
};
const daneMismatch: Partial<MxFinding> = {
  dane: {
    tlsaName: 't',
    state: 'usable',
    dnssec: 'secure',
    records: [],
    matched: false,
    problem: 'no match',
  },
};
const untrusted = { certificate: { ...host().certificate!, trusted: false, selfSigned: true } };
const wrongName = { certificate: { ...host().certificate!, nameMatches: false } };
const only10 = {
  versions: host().versions.map((v) => ({ ...v, supported: v.version === 'TLSv1' })),
  negotiated: { version: 'TLSv1' as const, cipher: 'x' },
};
const cbcOnly = {
  ciphers: [
    {
      name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
      openssl: 'x',
      version: 'TLSv1.2' as const,
      grade: 'insufficient' as const,
    },
  ],
};

describe('evaluateHost', () => {
  it.each<[string, Partial<MxFinding>, SmartTlsPolicy, MtaStsFinding, boolean | null, string]>([
    ['DANE match', daneMatch, 'dane-or-mta-sts', noSts, true, 'AUTHENTICATED_BY_DANE'],
    [
      'DANE match, self-signed',
      { ...daneMatch, ...untrusted },
      'dane-only',
      noSts,
      true,
      'AUTHENTICATED_BY_DANE',
    ],
    [
      'DANE mismatch overrides MTA-STS',
      { ...daneMismatch, mtaStsMatch: true },
      'dane-or-mta-sts',
      enforce,
      false,
      'DANE_MISMATCH',
    ],
    ['DANE mismatch under pkix', daneMismatch, 'pkix', noSts, false, 'DANE_MISMATCH'],
    [
      'TLSA lookup failed',
      { dane: { ...host().dane, state: 'lookup-failed', dnssec: 'bogus' } },
      'pkix',
      noSts,
      null,
      'TLSA_LOOKUP_FAILED',
    ],
    [
      'MTA-STS enforce',
      { mtaStsMatch: true },
      'dane-or-mta-sts',
      enforce,
      true,
      'AUTHENTICATED_BY_MTA_STS',
    ],
    [
      'MTA-STS enforce, untrusted',
      { mtaStsMatch: true, ...untrusted },
      'dane-or-mta-sts',
      enforce,
      false,
      'CERT_UNTRUSTED',
    ],
    [
      'MTA-STS enforce, wrong name',
      { mtaStsMatch: true, ...wrongName },
      'dane-or-mta-sts',
      enforce,
      false,
      'CERT_NAME_MISMATCH',
    ],
    [
      'MTA-STS enforce, MX not listed',
      { mtaStsMatch: false },
      'dane-or-mta-sts',
      enforce,
      false,
      'MTA_STS_MX_MISMATCH',
    ],
    [
      'MTA-STS testing',
      { mtaStsMatch: true },
      'dane-or-mta-sts',
      testing,
      false,
      'NOT_AUTHENTICATED',
    ],
    ['no DANE, no MTA-STS', {}, 'dane-or-mta-sts', noSts, false, 'NOT_AUTHENTICATED'],
    ['pkix, trusted', {}, 'pkix', noSts, true, 'AUTHENTICATED_BY_PKIX'],
    ['pkix, untrusted', untrusted, 'pkix', noSts, false, 'CERT_UNTRUSTED'],
    ['pkix, wrong name', wrongName, 'pkix', noSts, false, 'CERT_NAME_MISMATCH'],
    ['dane-only without TLSA', {}, 'dane-only', noSts, false, 'DANE_NOT_AVAILABLE'],
    [
      'dane-only with unusable TLSA',
      { dane: { ...host().dane, state: 'unusable' } },
      'dane-only',
      noSts,
      false,
      'DANE_NOT_AVAILABLE',
    ],
    ['no STARTTLS', { starttls: 'not-offered' }, 'pkix', noSts, false, 'NO_STARTTLS'],
    [
      'no STARTTLS with DANE',
      { ...daneMatch, starttls: 'not-offered' },
      'dane-only',
      noSts,
      false,
      'NO_STARTTLS',
    ],
    [
      '421',
      { starttls: 'temporarily-unavailable', smtpReply: '421 busy' },
      'pkix',
      noSts,
      null,
      'MX_TEMPORARILY_UNAVAILABLE',
    ],
    ['unreachable', { starttls: 'unreachable' }, 'pkix', noSts, null, 'MX_UNREACHABLE'],
    [
      'no address (bogus)',
      { address: null, addresses: [], addressDnssec: 'bogus' },
      'pkix',
      noSts,
      null,
      'ADDRESS_LOOKUP_FAILED',
    ],
    [
      'no address at all',
      { address: null, addresses: [], addressDnssec: 'secure' },
      'pkix',
      noSts,
      false,
      'ADDRESS_LOOKUP_FAILED',
    ],
    ['no handshake', { negotiated: undefined }, 'pkix', noSts, false, 'TLS_HANDSHAKE_FAILED'],
    ['TLS 1.0 only', only10, 'pkix', noSts, false, 'TLS_VERSION_TOO_LOW'],
    ['only CBC-SHA suites', cbcOnly, 'pkix', noSts, false, 'NO_SUFFICIENT_CIPHER'],
  ])('%s', (_name, overrides, policy, sts, passes, code) => {
    const outcome = evaluateHost(host(overrides), policy, sts);
    expect(outcome.passes).toBe(passes);
    expect(outcome.reasons.map((r) => r.code)).toEqual([code]);
    expect(outcome.reasons[0]).toMatchObject({
      host: 'mx.example.nl',
      message: expect.stringContaining('mx.example.nl'),
    });
  });
});

describe('decideVerdict', () => {
  const pass: HostOutcome = {
    passes: true,
    reasons: [{ code: 'AUTHENTICATED_BY_DANE', message: 'ok' }],
  };
  const fail: HostOutcome = { passes: false, reasons: [{ code: 'NO_STARTTLS', message: 'no' }] };
  const open: HostOutcome = {
    passes: null,
    reasons: [{ code: 'MX_UNREACHABLE', message: 'later' }],
  };
  const facts = (overrides: Partial<DomainFacts>): DomainFacts => ({
    domain: 'example.nl',
    mxLookup: { status: 'ok', dnssec: 'secure' },
    mxSource: 'explicit',
    hosts: [],
    notes: [],
    ...overrides,
  });

  it.each<[string, Partial<DomainFacts>, string, string]>([
    ['bogus MX', { mxLookup: { status: 'error', dnssec: 'bogus' } }, 'defer', 'MX_LOOKUP_BOGUS'],
    [
      'MX lookup error',
      { mxLookup: { status: 'error', dnssec: 'error' } },
      'defer',
      'MX_LOOKUP_FAILED',
    ],
    [
      'NXDOMAIN',
      { mxLookup: { status: 'nxdomain', dnssec: 'secure' } },
      'pickup',
      'DOMAIN_NOT_FOUND',
    ],
    ['null MX', { mxSource: 'null-mx' }, 'pickup', 'NULL_MX'],
    ['no mail server', { mxSource: 'none' }, 'pickup', 'NO_MAIL_SERVER'],
    [
      'all pass',
      {
        hosts: [
          { host: 'a', outcome: pass },
          { host: 'b', outcome: pass },
        ],
      },
      'direct',
      'AUTHENTICATED_BY_DANE',
    ],
    [
      'one fails',
      {
        hosts: [
          { host: 'a', outcome: pass },
          { host: 'b', outcome: fail },
        ],
      },
      'pickup',
      'NO_STARTTLS',
    ],
    [
      'one open',
      {
        hosts: [
          { host: 'a', outcome: pass },
          { host: 'b', outcome: open },
        ],
      },
      'defer',
      'MX_UNREACHABLE',
    ],
    [
      'a failure outweighs an open one',
      {
        hosts: [
          { host: 'a', outcome: open },
          { host: 'b', outcome: fail },
        ],
      },
      'pickup',
      'NO_STARTTLS',
    ],
  ])('%s → %s', (_name, overrides, verdict, code) => {
    const decision = decideVerdict(facts(overrides));
    expect(decision.verdict).toBe(verdict);
    expect(decision.reasons[0].code).toBe(code);
  });

  it('keeps notes beside the verdict', () => {
    const decision = decideVerdict(
      facts({
        hosts: [{ host: 'a', outcome: pass }],
        notes: [{ code: 'MTA_STS_FETCH_FAILED', message: 'x' }],
      }),
    );
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'AUTHENTICATED_BY_DANE',
      'MTA_STS_FETCH_FAILED',
    ]);
  });
});

describe('addresses the outbound guard refuses', () => {
  it('fails the host with TARGET_REFUSED, whatever the policy', () => {
    for (const policy of ['pkix', 'dane-or-mta-sts', 'dane-only'] as SmartTlsPolicy[]) {
      const outcome = evaluateHost(
        host({ address: '127.0.0.1', refused: '127.0.0.1 is a loopback address', ...daneMatch }),
        policy,
        noSts,
      );
      expect(outcome).toEqual({
        passes: false,
        reasons: [expect.objectContaining({ code: 'TARGET_REFUSED' })],
      });
    }
  });
});
