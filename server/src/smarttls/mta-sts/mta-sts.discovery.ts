import type { MtaStsFinding, MtaStsPolicy } from '../smarttls.types';
import { txtString, type DnsResult } from '../dns/dns.client';
import { parseStsTxt } from './mta-sts-policy.util';
import { fetchMtaStsPolicy, type MtaStsFetchOptions } from './mta-sts.fetcher';

interface CachedPolicy {
  id: string;
  policy: MtaStsPolicy;
  expiresAt: number;
}

/**
 * RFC 8461 sections 3 and 5: discovery by TXT, policy fetch, and the policy cache (until max_age,
 * fetched again when the TXT id changes, kept in force when discovery or fetching fails).
 */
export class MtaStsDiscovery {
  private readonly policies = new Map<string, CachedPolicy>();

  constructor(
    private readonly options: MtaStsFetchOptions,
    private readonly fetchPolicy: typeof fetchMtaStsPolicy = fetchMtaStsPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the cached policy of a domain expires, or null without one. */
  secondsLeft(domain: string): number | null {
    const cached = this.policies.get(domain);
    return cached ? Math.max(0, (cached.expiresAt - this.now()) / 1000) : null;
  }

  async discover(domain: string, txt: DnsResult): Promise<MtaStsFinding> {
    const cached = this.policies.get(domain);
    const usable = cached && cached.expiresAt > this.now() ? cached : undefined;
    if (txt.status === 'bogus' || txt.status === 'error') {
      // A cached unexpired policy stays in force when discovery fails (RFC 8461 section 5.1).
      return usable
        ? { state: 'found', id: usable.id, policy: usable.policy, source: 'cache' }
        : { state: 'failed', problem: `the _mta-sts TXT lookup failed (${txt.status})` };
    }
    const parsed = parseStsTxt(txt.records.map(txtString));
    if (!parsed)
      return usable
        ? { state: 'found', id: usable.id, policy: usable.policy, source: 'cache' }
        : { state: 'none' };
    if ('problem' in parsed) {
      return usable
        ? { state: 'found', id: usable.id, policy: usable.policy, source: 'cache' }
        : { state: 'failed', problem: parsed.problem };
    }
    if (usable && usable.id === parsed.id)
      return { state: 'found', id: usable.id, policy: usable.policy, source: 'cache' };
    const fetched = await this.fetchPolicy(domain, this.options);
    if ('problem' in fetched) {
      return usable
        ? {
            state: 'found',
            id: usable.id,
            policy: usable.policy,
            source: 'cache',
            problem: fetched.problem,
          }
        : { state: 'failed', id: parsed.id, problem: fetched.problem };
    }
    this.policies.set(domain, {
      id: parsed.id,
      policy: fetched,
      expiresAt: this.now() + fetched.maxAge * 1000,
    });
    return { state: 'found', id: parsed.id, policy: fetched, source: 'fetched' };
  }
}
