import type { MxFinding, SmartTlsReport } from '../smarttls/smarttls.types';

/** RFC 8460 section 4.3: the policy a sending MTA applied to a session. */
export interface AppliedPolicy {
  type: 'tlsa' | 'sts' | 'no-policy-found';
  strings: string[];
  /** sts: the policy's mx patterns. */
  mxHosts: string[];
}

/** RFC 8460 section 4.3 result types. */
export type ResultType =
  | 'starttls-not-supported'
  | 'certificate-host-mismatch'
  | 'certificate-expired'
  | 'certificate-not-trusted'
  | 'validation-failure'
  | 'tlsa-invalid'
  | 'dnssec-invalid'
  | 'dane-required'
  | 'sts-policy-fetch-error'
  | 'sts-policy-invalid'
  | 'sts-webpki-invalid';

/** The policy a session to this MX host was held to: DANE (TLSA) first, then MTA-STS, else none. */
export function appliedPolicy(report: SmartTlsReport, host: string): AppliedPolicy {
  const mx: MxFinding | undefined = report.mx.find((m) => m.host === host);
  if (mx && mx.dane.state === 'usable') {
    return {
      type: 'tlsa',
      strings: mx.dane.records
        .filter((r) => r.usable)
        .map((r) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`),
      mxHosts: [],
    };
  }
  const sts = report.mtaSts;
  if (sts.state === 'found' && sts.policy && sts.policy.mode !== 'none') {
    return {
      type: 'sts',
      strings: [
        `version: ${sts.policy.version}`,
        `mode: ${sts.policy.mode}`,
        ...sts.policy.mx.map((m) => `mx: ${m}`),
        `max_age: ${sts.policy.maxAge}`,
      ],
      mxHosts: sts.policy.mx,
    };
  }
  return { type: 'no-policy-found', strings: [], mxHosts: [] };
}

/** The RFC 8460 result type for a session that failed the TLS requirements, from its problem. */
export function resultTypeOf(problem: string): ResultType {
  const p = problem.toLowerCase();
  if (/starttls|not encrypted/.test(p)) return 'starttls-not-supported';
  if (/^dane|tlsa/.test(p)) return 'validation-failure';
  if (/expired/.test(p)) return 'certificate-expired';
  if (/host ?name|altnames|does not name|name mismatch/.test(p)) return 'certificate-host-mismatch';
  if (/certificate|self.signed|issuer|pkix|trusted/.test(p)) return 'certificate-not-trusted';
  return 'validation-failure';
}

export interface TlsRptRecord {
  rua: string[];
}

/**
 * RFC 8460 section 3: the TXT record at _smtp._tls.<domain>, "v=TLSRPTv1; rua=<uri>[,<uri>]".
 * Only mailto: and https: URIs count; more than one TLSRPTv1 record means none.
 */
export function parseTlsRptRecords(txts: string[]): TlsRptRecord | { problem: string } | null {
  const candidates = txts.filter((t) => /^v=TLSRPTv1\s*(;|$)/.test(t.trim()));
  if (!candidates.length) return null;
  if (candidates.length > 1) return { problem: 'more than one TLSRPTv1 record' };
  const fields = new Map<string, string>();
  for (const part of candidates[0].split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const rua = (fields.get('rua') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => /^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/i.test(u));
  if (!rua.length) return { problem: 'no mailto: or https: address in rua' };
  return { rua };
}

/** One counted row: a policy, and a result ('success' or a failure type) for one MX address. */
export interface CountRow {
  policyDomain: string;
  policyType: AppliedPolicy['type'];
  policyStrings: string[];
  mxHosts: string[];
  mxHost: string;
  receivingIp: string;
  resultType: 'success' | ResultType;
  count: number;
}

export interface ReportMeta {
  organization: string;
  contact: string;
  reportId: string;
  /** YYYY-MM-DD (UTC) */
  day: string;
}

/** RFC 8460 section 4: the aggregate report of one policy domain for one UTC day. */
export function buildReport(meta: ReportMeta, rows: CountRow[]): Record<string, unknown> {
  const policies = new Map<string, CountRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.policyType, row.policyStrings, row.mxHosts]);
    policies.set(key, [...(policies.get(key) ?? []), row]);
  }
  return {
    'organization-name': meta.organization,
    'date-range': {
      'start-datetime': `${meta.day}T00:00:00Z`,
      'end-datetime': `${meta.day}T23:59:59Z`,
    },
    'contact-info': meta.contact,
    'report-id': meta.reportId,
    policies: [...policies.values()].map((group) => {
      const first = group[0];
      const failures = group.filter((r) => r.resultType !== 'success');
      return {
        policy: {
          'policy-type': first.policyType,
          ...(first.policyStrings.length ? { 'policy-string': first.policyStrings } : {}),
          'policy-domain': first.policyDomain,
          ...(first.mxHosts.length ? { 'mx-host': first.mxHosts } : {}),
        },
        summary: {
          'total-successful-session-count': sum(group.filter((r) => r.resultType === 'success')),
          'total-failure-session-count': sum(failures),
        },
        ...(failures.length
          ? {
              'failure-details': failures.map((f) => ({
                'result-type': f.resultType,
                'receiving-mx-hostname': f.mxHost,
                'receiving-ip': f.receivingIp,
                'failed-session-count': f.count,
              })),
            }
          : {}),
      };
    }),
  };
}

const sum = (rows: CountRow[]) => rows.reduce((n, r) => n + r.count, 0);

/** RFC 8460 section 5.3: <submitter>!<policy-domain>!<begin>!<end>!<unique>.json.gz */
export function reportFilename(submitter: string, domain: string, day: string, id: string): string {
  const begin = Date.parse(`${day}T00:00:00Z`) / 1000;
  return `${submitter}!${domain}!${begin}!${begin + 86399}!${id}.json.gz`;
}
