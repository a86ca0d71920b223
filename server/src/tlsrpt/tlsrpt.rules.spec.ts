import type { SmartTlsReport } from '../smarttls/smarttls.types';
import {
  appliedPolicy,
  buildReport,
  parseTlsRptRecords,
  reportFilename,
  resultTypeOf,
  type CountRow,
} from './tlsrpt.rules';

const report = (overrides: Partial<SmartTlsReport>): SmartTlsReport =>
  ({
    domain: 'example.nl',
    mx: [],
    mtaSts: { state: 'none' },
    ...overrides,
  }) as SmartTlsReport;

describe('TLS reporting rules (RFC 8460)', () => {
  it('parses the _smtp._tls record', () => {
    expect(
      parseTlsRptRecords(['v=TLSRPTv1; rua=mailto:tls@example.nl,https://r.example.nl/x']),
    ).toEqual({ rua: ['mailto:tls@example.nl', 'https://r.example.nl/x'] });
    expect(parseTlsRptRecords(['v=spf1 -all'])).toBeNull();
    expect(parseTlsRptRecords(['v=TLSRPTv1; rua=http://insecure.example/'])).toEqual({
      problem: expect.stringContaining('rua'),
    });
    expect(
      parseTlsRptRecords(['v=TLSRPTv1; rua=mailto:a@b.nl', 'v=TLSRPTv1; rua=mailto:c@d.nl']),
    ).toEqual({
      problem: expect.stringContaining('more than one'),
    });
  });

  it('names the policy applied: TLSA before MTA-STS before none', () => {
    const dane = report({
      mx: [
        {
          host: 'mx.example.nl',
          dane: {
            state: 'usable',
            records: [
              { usage: 3, selector: 1, matchingType: 1, data: 'ab', usable: true },
              { usage: 1, selector: 1, matchingType: 1, data: 'cd', usable: false },
            ],
          },
        } as never,
      ],
      mtaSts: {
        state: 'found',
        policy: { version: 'STSv1', mode: 'enforce', mx: ['mx.example.nl'], maxAge: 86400 },
      },
    });
    expect(appliedPolicy(dane, 'mx.example.nl')).toEqual({
      type: 'tlsa',
      strings: ['3 1 1 ab'],
      mxHosts: [],
    });
    expect(appliedPolicy(dane, 'other.example.nl')).toEqual({
      type: 'sts',
      strings: ['version: STSv1', 'mode: enforce', 'mx: mx.example.nl', 'max_age: 86400'],
      mxHosts: ['mx.example.nl'],
    });
    expect(appliedPolicy(report({}), 'mx.example.nl').type).toBe('no-policy-found');
  });

  it.each([
    ['the session is not encrypted', 'starttls-not-supported'],
    ['DANE: no TLSA record matches', 'validation-failure'],
    [
      'the certificate is not trusted for mx.example.nl (CERT_HAS_EXPIRED certificate has expired)',
      'certificate-expired',
    ],
    [
      'the certificate is not trusted for mx.example.nl (SELF_SIGNED_CERT_IN_CHAIN)',
      'certificate-not-trusted',
    ],
    ["Hostname/IP does not match certificate's altnames", 'certificate-host-mismatch'],
    ['cipher suite RC4-SHA is not acceptable', 'validation-failure'],
  ])('%s → %s', (problem, type) => {
    expect(resultTypeOf(problem)).toBe(type);
  });

  it('builds one policy entry per policy with summary and failure details', () => {
    const base = {
      policyDomain: 'example.nl',
      policyType: 'sts' as const,
      policyStrings: ['version: STSv1', 'mode: enforce'],
      mxHosts: ['mx.example.nl'],
      mxHost: 'mx.example.nl',
      receivingIp: '192.0.2.1',
    };
    const rows: CountRow[] = [
      { ...base, resultType: 'success', count: 5 },
      { ...base, resultType: 'certificate-expired', count: 2 },
      { ...base, receivingIp: '192.0.2.2', resultType: 'certificate-expired', count: 1 },
    ];
    const json = buildReport(
      { organization: 'Zorg BV', contact: 'zegel@zorg.nl', reportId: 'r1', day: '2026-11-29' },
      rows,
    );
    expect(json).toEqual({
      'organization-name': 'Zorg BV',
      'date-range': {
        'start-datetime': '2026-11-29T00:00:00Z',
        'end-datetime': '2026-11-29T23:59:59Z',
      },
      'contact-info': 'zegel@zorg.nl',
      'report-id': 'r1',
      policies: [
        {
          policy: {
            'policy-type': 'sts',
            'policy-string': ['version: STSv1', 'mode: enforce'],
            'policy-domain': 'example.nl',
            'mx-host': ['mx.example.nl'],
          },
          summary: { 'total-successful-session-count': 5, 'total-failure-session-count': 3 },
          'failure-details': [
            expect.objectContaining({
              'result-type': 'certificate-expired',
              'failed-session-count': 2,
            }),
            expect.objectContaining({ 'receiving-ip': '192.0.2.2', 'failed-session-count': 1 }),
          ],
        },
      ],
    });
    expect(reportFilename('zorg.nl', 'example.nl', '2026-11-29', 'r1')).toBe(
      'zorg.nl!example.nl!1795910400!1795996799!r1.json.gz',
    );
  });
});
