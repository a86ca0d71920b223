import type { SmartTlsReport } from '../smarttls.types';
import { csvHeader, csvLine, htmlReport } from './scan-report.format';
import { parseDomainList, scanDomains } from './smarttls-scan';

const report = (domain: string, verdict: SmartTlsReport['verdict']): SmartTlsReport =>
  ({
    domain,
    verdict,
    reasons: [
      {
        code: 'NO_STARTTLS',
        message: `mx.${domain} does not offer STARTTLS`,
        host: `mx.${domain}`,
      },
    ],
    mx: [
      {
        host: `mx.${domain}`,
        address: '192.0.2.1',
        grade: 'insufficient',
        passes: false,
        dane: { matched: null },
      },
    ],
    mtaSts: { state: 'none' },
    durationMs: 5,
  }) as unknown as SmartTlsReport;

describe('bulk scan', () => {
  it('keeps the input order, bounds concurrency and turns a failed check into a row', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    const rows = await scanDomains(
      ['a.nl', 'b.nl', 'c.nl', 'd.nl', 'e.nl', 'broken.nl'],
      async (domain) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, domain === 'a.nl' ? 30 : 5));
        running--;
        if (domain === 'broken.nl') throw new Error('out of sockets');
        return report(domain, domain === 'b.nl' ? 'direct' : 'pickup');
      },
      { concurrency: 2, onProgress: (p) => seen.push(p.done) },
    );
    expect(most).toBe(2);
    expect(rows.map((r) => r.domain)).toEqual([
      'a.nl',
      'b.nl',
      'c.nl',
      'd.nl',
      'e.nl',
      'broken.nl',
    ]);
    expect(rows[1]).toMatchObject({ verdict: 'direct', grade: 'insufficient' });
    expect(rows[5]).toMatchObject({ verdict: 'defer', error: 'out of sockets' });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads a domain list with comments, addresses and duplicates', () => {
    const normalize = (d: string) => (/^[a-z0-9.-]+\.[a-z]+$/i.test(d) ? d.toLowerCase() : null);
    expect(
      parseDomainList('# list\nA.nl\nb.nl, c.nl\nanna@b.nl\n\nnot a domain!\n', normalize),
    ).toEqual({
      domains: ['a.nl', 'b.nl'],
      problems: ['line 6: "not" is not a domain name'],
    });
  });

  it('writes CSV that spreadsheets cannot execute', () => {
    const line = csvLine({
      domain: '=HYPERLINK("x")',
      verdict: 'pickup',
      grade: null,
      reasons: [],
      mx: [],
      dane: false,
      mtaSts: 'none',
      durationMs: 0,
    });
    expect(csvHeader()).toBe('domain,verdict,grade,dane,mta_sts,mx,reasons,error\r\n');
    expect(line.startsWith(`"'=HYPERLINK(""x"")",pickup,`)).toBe(true);
  });

  it('writes a self-contained HTML report in Dutch and English with advice, escaped', async () => {
    const rows = await scanDomains(['<b>.nl'], async (d) => report(d, 'pickup'), {
      concurrency: 1,
    });
    const html = htmlReport(rows, '2026-11-30T10:00:00Z');
    expect(html).toContain('<section lang="nl"');
    expect(html).toContain('<section lang="en"');
    expect(html).toContain('Zet STARTTLS met een certificaat aan op elke mailserver.');
    expect(html).toContain('Enable STARTTLS with a certificate on every mail server.');
    expect(html).toContain('&lt;b&gt;.nl');
    expect(html).not.toContain('<b>.nl');
    expect(html).not.toMatch(/<script|<link|src=/);
  });
});
