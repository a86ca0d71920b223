import 'reflect-metadata';
import { TlsRptRepository } from '../../server/src/tlsrpt/tlsrpt.repository';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

/** The TLS-reporting counts and report claims on the engine under test. */
describe(`TLS reporting repository (${testDatabaseEngine()})`, () => {
  let close: (() => Promise<void>) | undefined;
  let repository: TlsRptRepository;

  beforeAll(async () => {
    const opened = await openMigratedDatabase('tlsrpt');
    close = opened.close;
    repository = new TlsRptRepository(opened.db);
  });

  afterAll(async () => {
    await close?.();
  });

  const row = (resultType: string, receivingIp = '192.0.2.1') => ({
    policyDomain: 'example.nl',
    policyType: 'tlsa' as const,
    policyStrings: ['3 1 1 ab'],
    mxHosts: [],
    mxHost: 'mx.example.nl',
    receivingIp,
    resultType: resultType as 'success',
  });

  it('counts concurrent sessions without losing one', async () => {
    await Promise.all([
      ...Array.from({ length: 20 }, () => repository.increment('2026-11-28', row('success'))),
      ...Array.from({ length: 3 }, () =>
        repository.increment('2026-11-28', row('certificate-expired', '192.0.2.2')),
      ),
    ]);
    const rows = await repository.rows('2026-11-28', 'example.nl');
    expect(rows.map((r) => [r.resultType, r.receivingIp, r.count]).sort()).toEqual([
      ['certificate-expired', '192.0.2.2', 3],
      ['success', '192.0.2.1', 20],
    ]);
    expect(rows[0].policyStrings).toEqual(['3 1 1 ab']);
  });

  it('lists finished days only, and lets one claim win', async () => {
    await repository.increment('2026-11-29', row('success'));
    expect(await repository.due('2026-11-29')).toEqual([
      { day: '2026-11-28', policyDomain: 'example.nl' },
    ]);
    const claims = await Promise.all([
      repository.claim('2026-11-28', 'example.nl', 'a'),
      repository.claim('2026-11-28', 'example.nl', 'b'),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repository.due('2026-11-29')).toEqual([]);
    await repository.finish('2026-11-28', 'example.nl', 'sent', 'mailto:x@example.nl');
    expect(await repository.report('2026-11-28', 'example.nl')).toMatchObject({ state: 'sent' });
  });
});
