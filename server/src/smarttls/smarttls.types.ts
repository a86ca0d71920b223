/** The SmartTLS report: what `zegel smarttls check --json` prints and the API returns. */

export type SmartTlsPolicy = 'dane-or-mta-sts' | 'pkix' | 'dane-only';
export const SMARTTLS_POLICIES: readonly SmartTlsPolicy[] = [
  'dane-or-mta-sts',
  'pkix',
  'dane-only',
];

/** direct: deliver straight into the inbox; pickup: use the pickup route; defer: decide later. */
export type Verdict = 'direct' | 'pickup' | 'defer';

/** NCSC-NL TLS guidelines 2025-05 levels, as Internet.nl reports them. */
export type Grade = 'good' | 'sufficient' | 'phase-out' | 'insufficient';

/** secure: the validating resolver set AD; bogus: validation failed; error: no usable answer. */
export type DnssecStatus = 'secure' | 'insecure' | 'bogus' | 'error';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export type ReasonCode =
  | 'MX_LOOKUP_FAILED'
  | 'MX_LOOKUP_BOGUS'
  | 'DOMAIN_NOT_FOUND'
  | 'NULL_MX'
  | 'NO_MAIL_SERVER'
  | 'ADDRESS_LOOKUP_FAILED'
  | 'MX_UNREACHABLE'
  | 'MX_TEMPORARILY_UNAVAILABLE'
  | 'NO_STARTTLS'
  | 'TLS_HANDSHAKE_FAILED'
  | 'TLS_VERSION_TOO_LOW'
  | 'NO_SUFFICIENT_CIPHER'
  | 'TLSA_LOOKUP_FAILED'
  | 'DANE_MISMATCH'
  | 'DANE_NOT_AVAILABLE'
  | 'CERT_UNTRUSTED'
  | 'CERT_NAME_MISMATCH'
  | 'NOT_AUTHENTICATED'
  | 'MTA_STS_MX_MISMATCH'
  | 'MTA_STS_FETCH_FAILED'
  | 'AUTHENTICATED_BY_DANE'
  | 'AUTHENTICATED_BY_MTA_STS'
  | 'AUTHENTICATED_BY_PKIX'
  | 'PROBE_INCOMPLETE'
  | 'TARGET_REFUSED';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** The MX host the reason is about, when it is about one. */
  host?: string;
}

export interface GradedName {
  name: string;
  grade: Grade;
}

export interface VersionFinding {
  version: TlsVersion;
  supported: boolean | null;
  grade: Grade;
}

export interface CipherFinding {
  /** IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  name: string;
  /** OpenSSL name, e.g. ECDHE-RSA-AES128-GCM-SHA256 (what to pass in `ciphers`). */
  openssl: string;
  version: TlsVersion;
  grade: Grade;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  keyType: string;
  keyBits?: number;
  curve?: string;
  keyGrade: Grade;
  signatureHash: string;
  signatureGrade: Grade;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex. */
  fingerprint256: string;
}

export interface CertificateFinding {
  /** The certificates as the server sent them, leaf first (the root only if the server sent it). */
  chain: CertificateSummary[];
  names: string[];
  /** PKIX: chained to a trusted root by the TLS library (complete chain, not expired, trusted). */
  trusted: boolean;
  trustError?: string;
  /** The leaf names the MX host (RFC 6125, as tls.checkServerIdentity). */
  nameMatches: boolean;
  expired: boolean;
  selfSigned: boolean;
  /** The server sent too few certificates for a client to build the chain. */
  chainIncomplete: boolean;
  grade: Grade;
}

export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  /** Certificate association data, hex. */
  data: string;
}

/**
 * DANE state of one MX host (RFC 7672 section 2.2):
 * not-applicable (MX or address RRset not secure), none (no TLSA), unusable (TLSA only of unusable
 * kinds: TLS still required), usable (≥ 1 usable record: the chain must match), lookup-failed.
 */
export type DaneState = 'not-applicable' | 'none' | 'unusable' | 'usable' | 'lookup-failed';

export interface DaneFinding {
  tlsaName: string;
  state: DaneState;
  dnssec: DnssecStatus | 'not-looked-up';
  records: (TlsaRecord & { usable: boolean })[];
  /** For state usable: whether the chain the server sent matched a usable record. */
  matched: boolean | null;
  matchedRecord?: TlsaRecord;
  problem?: string;
  /**
   * Internet.nl's DANE rollover scheme: two usable records of which one can be replaced at a time
   * ('current-next': two DANE-EE or two DANE-TA records; 'ee-and-ta': DANE-EE and DANE-TA); 'none'
   * with a single usable record; null without usable records. Informational.
   */
  rollover?: 'current-next' | 'ee-and-ta' | 'none' | null;
}

/** What only a hand-built ClientHello can see: protocols and suites Node's OpenSSL cannot offer. */
export interface LegacyFinding {
  /** Null when the probe gave no answer. */
  sslv2: boolean | null;
  sslv3: boolean | null;
  /** RC4, 3DES, DES, IDEA, EXPORT and NULL suites the server accepted, with the version. */
  suites: CipherFinding[];
}

/** A finite-field DH group the server used for DHE, read from its ServerKeyExchange. */
export interface DhGroupFinding {
  /** ffdhe2048…ffdhe8192 (RFC 7919), modp1…modp18 (RFC 2409/3526), or custom-<bits>. */
  name: string;
  bits: number;
  /** One of the well-known primes above. */
  known: boolean;
  grade: Grade;
}

export type StarttlsState = 'offered' | 'not-offered' | 'temporarily-unavailable' | 'unreachable';

/**
 * One address of one MX host: a host with an A and an AAAA record gives two findings, and the
 * verdict holds only when every one of them passes.
 */
export interface MxFinding {
  host: string;
  preference: number;
  /** The address probed here (null: the host has none). */
  address: string | null;
  /** Every address of the host. */
  addresses: string[];
  addressDnssec: DnssecStatus;
  port: number;
  starttls: StarttlsState;
  /** The SMTP reply that ended the dialogue early (4xx, or no STARTTLS), for the admin. */
  smtpReply?: string;
  versions: VersionFinding[];
  ciphers: CipherFinding[];
  groups: GradedName[];
  /**
   * TLS 1.2: whether the server signs the key exchange with SHA-1 when a client offers only SHA-1
   * (insufficient); null when not tested (no TLS 1.2).
   */
  sha1KeyExchangeSignature: boolean | null;
  /** TLS compression (CRIME): whether the server chose DEFLATE when offered; null when not tested. */
  compression: boolean | null;
  /** RFC 5746 secure renegotiation (renegotiation_info in the ServerHello). */
  secureRenegotiation: boolean | null;
  /** Whether the server went along with a renegotiation the client started (TLS 1.2). */
  clientRenegotiation: boolean | null;
  /** DHE groups identified by their prime. */
  dhGroups: DhGroupFinding[];
  /** Signature algorithms the server signs its key exchange with, each tried on its own. */
  signatureAlgorithms: GradedName[];
  legacy: LegacyFinding | null;
  /** Why the outbound guard refused to connect to this address. */
  refused?: string;
  /** The suite, version and group a default client negotiated. */
  negotiated?: { version: TlsVersion; cipher: string; group?: string };
  certificate: CertificateFinding | null;
  dane: DaneFinding;
  /** For an MTA-STS policy: whether this host name matches one of its mx patterns. */
  mtaStsMatch: boolean | null;
  /** The worst grade among the items above (null when no TLS was spoken). */
  grade: Grade | null;
  /** Whether this host meets the chosen policy; null when it could not be decided now. */
  passes: boolean | null;
  reasons: Reason[];
  /** Handshakes whose outcome stayed unknown (timeouts, 4xx mid-probe). */
  incompleteProbes: number;
  durationMs: number;
}

export type MtaStsMode = 'enforce' | 'testing' | 'none';

export interface MtaStsPolicy {
  version: 'STSv1';
  mode: MtaStsMode;
  mx: string[];
  maxAge: number;
}

export interface MtaStsFinding {
  /** none: no valid TXT; found: policy in force (fetched or cached); failed: TXT but no policy. */
  state: 'none' | 'found' | 'failed';
  id?: string;
  policy?: MtaStsPolicy;
  source?: 'fetched' | 'cache';
  problem?: string;
}

export interface Nta7516Finding {
  present: boolean;
  /** Present, well-formed and not past its end date. */
  valid: boolean;
  record?: string;
  syntax?: 'nta7516-1' | 'legacy';
  startDate?: string;
  endDate?: string;
  provider?: string;
  mx: string[];
  problem?: string;
}

export interface SmartTlsReport {
  domain: string;
  policy: SmartTlsPolicy;
  verdict: Verdict;
  reasons: Reason[];
  /** ok: MX answer (records or none); nxdomain: the domain does not exist; error: no usable answer. */
  mxLookup: 'ok' | 'nxdomain' | 'error';
  mxDnssec: DnssecStatus;
  /** explicit: MX records; implicit: no MX, the domain's own address; null: null MX or none. */
  mxSource: 'explicit' | 'implicit' | 'null-mx' | 'none';
  mx: MxFinding[];
  mtaSts: MtaStsFinding;
  nta7516: Nta7516Finding;
  checkedAt: string;
  /** Until when the cached result may be reused (DNS TTLs, MTA-STS max_age). */
  expiresAt: string;
  durationMs: number;
}

/** What the delivery code must insist on for one MX host; it never relaxes these. */
export interface HostRequirement {
  host: string;
  address: string;
  port: number;
  servername: string;
  minVersion: 'TLSv1.2';
  /** OpenSSL cipher string for TLS 1.2 and the TLS 1.3 suites, the ones graded sufficient or better. */
  ciphers: string;
  authentication:
    { kind: 'dane'; tlsa: TlsaRecord[] } | { kind: 'pkix'; caFile?: string; checkName: true };
}

export interface DeliveryRequirements {
  domain: string;
  verdict: Verdict;
  policy: SmartTlsPolicy;
  /** Empty unless the verdict is direct; in MX preference order. */
  hosts: HostRequirement[];
  expiresAt: string;
}
