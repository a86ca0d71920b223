import { requestJson } from '../../common/api-client';

/**
 * The part of the server's SmartTLS report (server/src/smarttls/smarttls.types.ts, the answer of
 * GET /api/v1/smarttls/:domain) that this page shows. The report type lives with the engine, not in
 * @zegel/shared, so the page names only the fields it reads.
 */
export type SmartTlsPolicy = 'dane-or-mta-sts' | 'pkix' | 'dane-only';
export const SMARTTLS_POLICIES: readonly SmartTlsPolicy[] = [
  'dane-or-mta-sts',
  'pkix',
  'dane-only',
];
export type Verdict = 'direct' | 'pickup' | 'defer';
export type Grade = 'good' | 'sufficient' | 'phase-out' | 'insufficient';

export interface Reason {
  code: string;
  message: string;
  host?: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  keyType: string;
  keyBits?: number;
  curve?: string;
  notAfter: string;
  fingerprint256: string;
}

export interface MxFinding {
  host: string;
  preference: number;
  address: string | null;
  port: number;
  starttls: 'offered' | 'not-offered' | 'temporarily-unavailable' | 'unreachable';
  smtpReply?: string;
  versions: { version: string; supported: boolean | null; grade: Grade }[];
  ciphers: { name: string; version: string; grade: Grade }[];
  certificate: {
    chain: CertificateSummary[];
    names: string[];
    trusted: boolean;
    trustError?: string;
    nameMatches: boolean;
    expired: boolean;
    grade: Grade;
  } | null;
  dane: {
    tlsaName: string;
    state: 'not-applicable' | 'none' | 'unusable' | 'usable' | 'lookup-failed';
    dnssec: string;
    records: { usage: number; selector: number; matchingType: number; usable: boolean }[];
    matched: boolean | null;
    problem?: string;
  };
  mtaStsMatch: boolean | null;
  grade: Grade | null;
  passes: boolean | null;
  reasons: Reason[];
  refused?: string;
}

export interface SmartTlsReport {
  domain: string;
  policy: SmartTlsPolicy;
  verdict: Verdict;
  reasons: Reason[];
  mxLookup: 'ok' | 'nxdomain' | 'error';
  mxDnssec: string;
  mxSource: 'explicit' | 'implicit' | 'null-mx' | 'none';
  mx: MxFinding[];
  mtaSts: {
    state: 'none' | 'found' | 'failed';
    policy?: { mode: string; mx: string[]; maxAge: number };
    problem?: string;
  };
  nta7516: {
    present: boolean;
    valid: boolean;
    record?: string;
    endDate?: string;
    problem?: string;
  };
  checkedAt: string;
  durationMs: number;
}

export const smartTlsApi = {
  check: (domain: string, policy: SmartTlsPolicy) =>
    requestJson<SmartTlsReport>(
      `/api/v1/smarttls/${encodeURIComponent(domain)}?policy=${encodeURIComponent(policy)}`,
    ),
};
