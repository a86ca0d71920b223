import type { MxFinding, SmartTlsReport } from '../smarttls.types';
import { ALLOWED_CIPHERS, deliveryRequirements } from './delivery-requirements.util';

const tlsa = { usage: 3, selector: 1, matchingType: 1, data: 'ab' };
const mx = (host: string, dane: Partial<MxFinding['dane']>, address: string | null = '192.0.2.1') =>
  ({
    host,
    address,
    port: 25,
    dane: {
      tlsaName: `_25._tcp.${host}`,
      state: 'none',
      dnssec: 'secure',
      records: [],
      matched: null,
      ...dane,
    },
  }) as MxFinding;
const report = (verdict: SmartTlsReport['verdict'], hosts: MxFinding[]) =>
  ({
    domain: 'example.nl',
    policy: 'dane-or-mta-sts',
    verdict,
    mx: hosts,
    expiresAt: 'later',
  }) as unknown as SmartTlsReport;

describe('delivery requirements', () => {
  it('requires the DANE match where TLSA is usable and PKIX with the name elsewhere', () => {
    const result = deliveryRequirements(
      report('direct', [
        mx('mx1.example.nl', {
          state: 'usable',
          matched: true,
          records: [
            { ...tlsa, usable: true },
            { ...tlsa, usage: 1, usable: false },
          ],
        }),
        mx('mx2.example.nl', { state: 'none' }),
      ]),
      '/etc/zegel/ca.pem',
    );
    expect(result.hosts).toEqual([
      expect.objectContaining({
        host: 'mx1.example.nl',
        servername: 'mx1.example.nl',
        minVersion: 'TLSv1.2',
        authentication: { kind: 'dane', tlsa: [tlsa] },
      }),
      expect.objectContaining({
        host: 'mx2.example.nl',
        authentication: { kind: 'pkix', caFile: '/etc/zegel/ca.pem', checkName: true },
      }),
    ]);
  });

  it.each(['pickup', 'defer'] as const)('gives no hosts for a %s verdict', (verdict) => {
    expect(deliveryRequirements(report(verdict, [mx('mx.example.nl', {})])).hosts).toEqual([]);
  });

  it('allows only suites graded sufficient or better', () => {
    const suites = ALLOWED_CIPHERS.split(':');
    expect(suites).toEqual(
      expect.arrayContaining([
        'TLS_AES_256_GCM_SHA384',
        'ECDHE-RSA-AES128-GCM-SHA256',
        'ECDHE-ECDSA-AES128-CCM',
      ]),
    );
    expect(
      suites.some(
        (s) => /CBC|SHA$|CCM8|CCM_8|DHE-RSA|^AES|RSA-AES.*-SHA$/.test(s) && !/^ECDHE/.test(s),
      ),
    ).toBe(false);
    expect(suites).not.toContain('TLS_AES_128_CCM_8_SHA256');
    expect(suites).not.toContain('ECDHE-RSA-AES128-SHA');
    expect(suites).toHaveLength(4 + 8);
  });
});
