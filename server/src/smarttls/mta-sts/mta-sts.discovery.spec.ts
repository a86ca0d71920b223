import { OutboundGuard } from '../../common/net/outbound-guard';
import type { DnsResult } from '../dns/dns.client';
import type { MtaStsPolicy } from '../smarttls.types';
import { MtaStsDiscovery } from './mta-sts.discovery';

const txt = (...records: string[]): DnsResult => ({
  rcode: 'NOERROR',
  status: 'insecure',
  ttl: 300,
  records: records.map((r) => ({
    name: '_mta-sts.example.nl',
    type: 'TXT',
    ttl: 300,
    data: [Buffer.from(r)],
  })),
});
const failedTxt: DnsResult = { rcode: 'SERVFAIL', status: 'error', ttl: 0, records: [] };
const policy = (mx: string): MtaStsPolicy => ({
  version: 'STSv1',
  mode: 'enforce',
  mx: [mx],
  maxAge: 100,
});

function setup() {
  let clock = 1_000_000;
  const answers: (MtaStsPolicy | { problem: string })[] = [];
  const fetch = jest.fn(async () => answers.shift() ?? { problem: 'unreachable' });
  const discovery = new MtaStsDiscovery(
    { port: 443, ca: [], timeoutMs: 1, lookup: async () => [], guard: new OutboundGuard() },
    fetch,
    () => clock,
  );
  return { discovery, fetch, answers, tick: (seconds: number) => (clock += seconds * 1000) };
}

describe('MTA-STS discovery and policy cache (RFC 8461 sections 3 and 5)', () => {
  it('fetches once and serves the policy from the cache while the TXT id is the same', async () => {
    const { discovery, fetch, answers } = setup();
    answers.push(policy('mx1.example.nl'));
    expect(await discovery.discover('example.nl', txt('v=STSv1; id=1'))).toMatchObject({
      state: 'found',
      source: 'fetched',
    });
    expect(await discovery.discover('example.nl', txt('v=STSv1; id=1'))).toMatchObject({
      state: 'found',
      source: 'cache',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(discovery.secondsLeft('example.nl')).toBe(100);
  });

  it('fetches again when the id changes', async () => {
    const { discovery, fetch, answers } = setup();
    answers.push(policy('mx1.example.nl'), policy('mx2.example.nl'));
    await discovery.discover('example.nl', txt('v=STSv1; id=1'));
    const next = await discovery.discover('example.nl', txt('v=STSv1; id=2'));
    expect(next).toMatchObject({ source: 'fetched', id: '2', policy: { mx: ['mx2.example.nl'] } });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps an unexpired cached policy when discovery or fetching fails, not an expired one', async () => {
    const { discovery, answers, tick } = setup();
    answers.push(policy('mx1.example.nl'));
    await discovery.discover('example.nl', txt('v=STSv1; id=1'));
    expect(await discovery.discover('example.nl', failedTxt)).toMatchObject({
      state: 'found',
      source: 'cache',
    });
    expect(await discovery.discover('example.nl', txt())).toMatchObject({
      state: 'found',
      source: 'cache',
    });
    expect(await discovery.discover('example.nl', txt('v=STSv1; id=2'))).toMatchObject({
      state: 'found',
      source: 'cache',
      problem: 'unreachable',
    });
    tick(101);
    expect(await discovery.discover('example.nl', txt('v=STSv1; id=2'))).toMatchObject({
      state: 'failed',
      problem: 'unreachable',
    });
    expect(await discovery.discover('example.nl', failedTxt)).toMatchObject({ state: 'failed' });
  });

  it('has no policy without a valid TXT record', async () => {
    const { discovery, fetch } = setup();
    expect(await discovery.discover('example.nl', txt('v=spf1 -all'))).toEqual({ state: 'none' });
    expect(
      await discovery.discover('example.nl', txt('v=STSv1; id=1', 'v=STSv1; id=2')),
    ).toMatchObject({ state: 'failed' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
