import { DEFAULT_ORG_POLICY, type OrgPolicy } from '@zegel/shared';
import { domainListed, domainOf, normaliseDomainEntry } from './domain-list.util';
import {
  decideRoute,
  needsVerdict,
  smartTlsPolicyFor,
  type RouteInput,
  type VerdictFacts,
} from './route.util';

const direct: VerdictFacts = { verdict: 'direct', nta7516Valid: true, reasons: [] };
const directNoNta: VerdictFacts = { verdict: 'direct', nta7516Valid: false, reasons: [] };
const failing: VerdictFacts = {
  verdict: 'pickup',
  nta7516Valid: false,
  reasons: [{ code: 'NO_STARTTLS', message: 'no STARTTLS', host: 'mx.b.nl' }],
};
const deferred: VerdictFacts = {
  verdict: 'defer',
  nta7516Valid: false,
  reasons: [{ code: 'MX_LOOKUP_FAILED', message: 'lookup failed' }],
};
const policy = (p: Partial<OrgPolicy> = {}): OrgPolicy => ({ ...DEFAULT_ORG_POLICY, ...p });

const base = (over: Partial<RouteInput>): RouteInput => ({
  classification: 'confidential',
  address: 'jan@zorg.nl',
  policy: policy(),
  directAvailable: true,
  verdict: direct,
  ...over,
});

describe('decideRoute', () => {
  it.each<[string, Partial<RouteInput>, string, string]>([
    ['confidential, verdict direct', {}, 'direct', 'SMARTTLS_DIRECT'],
    ['confidential, verdict pickup', { verdict: failing }, 'pickup', 'SMARTTLS_PICKUP'],
    ['confidential, verdict defer', { verdict: deferred }, 'pickup', 'SMARTTLS_DEFER'],
    ['confidential, check pending', { verdict: 'pending' }, 'pickup', 'VERDICT_PENDING'],
    [
      'confidential, no direct outbound',
      { directAvailable: false },
      'pickup',
      'DIRECT_UNAVAILABLE',
    ],
    [
      'registered, verdict direct',
      { classification: 'registered' },
      'pickup',
      'REGISTERED_ALWAYS_PICKUP',
    ],
    [
      'registered, verdict pickup',
      { classification: 'registered', verdict: failing },
      'pickup',
      'REGISTERED_ALWAYS_PICKUP',
    ],
    ['public', { classification: 'public' }, 'hold', 'NOT_ZEGELS_TO_SEND'],
    ['internal', { classification: 'internal' }, 'hold', 'NOT_ZEGELS_TO_SEND'],
    ['unknown label', { classification: 'secret' }, 'hold', 'UNKNOWN_CLASSIFICATION'],
    [
      'internal domain, forced pickup and NTA 7516 record do not apply',
      {
        policy: policy({
          internalDomains: ['zorg.nl'],
          forcePickupDomains: ['zorg.nl'],
          requireNta7516Record: true,
        }),
      },
      'direct',
      'INTERNAL_DOMAIN',
    ],
    [
      'internal domain, TLS still counts',
      { policy: policy({ internalDomains: ['zorg.nl'] }), verdict: failing },
      'pickup',
      'SMARTTLS_PICKUP',
    ],
    [
      'internal domain, registered still pickup',
      { classification: 'registered', policy: policy({ internalDomains: ['zorg.nl'] }) },
      'pickup',
      'REGISTERED_ALWAYS_PICKUP',
    ],
    ['held domain', { policy: policy({ holdDomains: ['zorg.nl'] }) }, 'hold', 'DOMAIN_HELD'],
    [
      'held parent domain',
      { address: 'a@mail.zorg.nl', policy: policy({ holdDomains: ['zorg.nl'] }) },
      'hold',
      'DOMAIN_HELD',
    ],
    [
      'held domain beats registered',
      { classification: 'registered', policy: policy({ holdDomains: ['zorg.nl'] }) },
      'hold',
      'DOMAIN_HELD',
    ],
    [
      'forced pickup domain',
      { policy: policy({ forcePickupDomains: ['ZORG.NL'] }) },
      'pickup',
      'DOMAIN_FORCED_PICKUP',
    ],
    [
      'forced pickup, other domain',
      { policy: policy({ forcePickupDomains: ['org.nl'] }) },
      'direct',
      'SMARTTLS_DIRECT',
    ],
    [
      'direct delivery off',
      { policy: policy({ directDelivery: false }) },
      'pickup',
      'DIRECT_DISABLED',
    ],
    [
      'NTA record required and present',
      { policy: policy({ requireNta7516Record: true }) },
      'direct',
      'SMARTTLS_DIRECT',
    ],
    [
      'NTA record required, absent',
      { policy: policy({ requireNta7516Record: true }), verdict: directNoNta },
      'pickup',
      'NTA7516_RECORD_MISSING',
    ],
    ['NTA record not required, absent', { verdict: directNoNta }, 'direct', 'SMARTTLS_DIRECT'],
    [
      'DANE only, verdict (under dane-only) pickup',
      { policy: policy({ daneOnly: true }), verdict: failing },
      'pickup',
      'SMARTTLS_PICKUP',
    ],
  ])('%s → %s (%s)', (_name, over, route, code) => {
    const decision = decideRoute(base(over));
    expect(decision.route).toBe(route);
    expect(decision.reasons[0].code).toBe(code);
    expect(decision.reasons[0].message.length).toBeGreaterThan(10);
  });

  it('carries the SmartTLS reasons behind a pickup', () => {
    const decision = decideRoute(base({ verdict: failing }));
    expect(decision.reasons[0].details).toEqual(failing.reasons);
  });

  it('never answers direct without a direct verdict', () => {
    const verdicts: RouteInput['verdict'][] = [failing, deferred, 'pending', 'not-needed'];
    for (const verdict of verdicts)
      for (const p of [
        policy(),
        policy({ daneOnly: true }),
        policy({ requireNta7516Record: true }),
      ])
        expect(decideRoute(base({ verdict, policy: p })).route).not.toBe('direct');
  });
});

describe('needsVerdict', () => {
  it.each<[string, string, Partial<OrgPolicy>, boolean, boolean]>([
    ['confidential', 'a@b.nl', {}, true, true],
    ['registered', 'a@b.nl', {}, true, false],
    ['public', 'a@b.nl', {}, true, false],
    ['confidential', 'a@b.nl', { forcePickupDomains: ['b.nl'] }, true, false],
    ['confidential', 'a@b.nl', {}, false, false],
    ['confidential', 'a@b.nl', { directDelivery: false }, true, false],
  ])('%s to %s with %j (direct available %s) → %s', (c, a, p, available, expected) => {
    expect(needsVerdict(c, a, policy(p), available)).toBe(expected);
  });
});

describe('smartTlsPolicyFor', () => {
  it.each<[boolean, string, string]>([
    [false, 'dane-or-mta-sts', 'dane-or-mta-sts'],
    [false, 'pkix', 'pkix'],
    [true, 'pkix', 'dane-only'],
    [true, 'dane-or-mta-sts', 'dane-only'],
  ])('daneOnly %s, configured %s → %s', (daneOnly, configured, expected) => {
    expect(smartTlsPolicyFor(policy({ daneOnly }), configured)).toBe(expected);
  });
});

describe('domain lists', () => {
  it.each<[string, string[], boolean]>([
    ['zorg.nl', ['zorg.nl'], true],
    ['mail.zorg.nl', ['zorg.nl'], true],
    ['mail.zorg.nl', ['*.zorg.nl'], true],
    ['notzorg.nl', ['zorg.nl'], false],
    ['zorg.nl', ['mail.zorg.nl'], false],
    ['zorg.nl.', ['Zorg.NL.'], true],
    ['zorg.nl', ['', ' '], false],
    ['zorg.nl', [], false],
  ])('%s listed in %j → %s', (domain, entries, expected) => {
    expect(domainListed(domain, entries)).toBe(expected);
  });

  it.each([
    ['Jan@Zorg.NL', 'zorg.nl'],
    ['"a@b"@c.nl', 'c.nl'],
    ['x@y.nl.', 'y.nl'],
  ])('domainOf(%s) = %s', (address, domain) => expect(domainOf(address)).toBe(domain));

  it.each([
    [' *.Zorg.nl ', 'zorg.nl'],
    ['.zorg.nl', 'zorg.nl'],
    ['zorg.nl.', 'zorg.nl'],
  ])('normaliseDomainEntry(%s) = %s', (entry, expected) =>
    expect(normaliseDomainEntry(entry)).toBe(expected),
  );
});
