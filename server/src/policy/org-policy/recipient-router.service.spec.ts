import { DEFAULT_ORG_POLICY, type OrgPolicy } from '@zegel/shared';
import type { ZegelConfig } from '../../config/config';
import type { SmartTlsService } from '../../smarttls/smarttls.service';
import type { SmartTlsReport } from '../../smarttls/smarttls.types';
import type { OrgPolicyService } from './org-policy.service';
import type { ClassificationsService } from '../classifications/classifications.service';
import { RecipientRouter } from './recipient-router.service';

const report = (verdict: SmartTlsReport['verdict'], nta = false) =>
  ({ verdict, reasons: [], nta7516: { valid: nta } }) as unknown as SmartTlsReport;

/** A SmartTLS service whose checks answer after a delay per domain; unknown domains fail. */
function smartTls(answers: Record<string, [SmartTlsReport['verdict'], number]>) {
  const calls: { domain: string; policy?: string }[] = [];
  const service = {
    check: (domain: string, options: { policy?: string } = {}) => {
      calls.push({ domain, policy: options.policy });
      const answer = answers[domain];
      if (!answer) return Promise.reject(new Error('resolver unreachable'));
      return new Promise((resolve) => setTimeout(() => resolve(report(answer[0])), answer[1]));
    },
  } as unknown as SmartTlsService;
  return { service, calls };
}

const config = (outboundMode = 'direct') =>
  ({
    notify: { outboundMode },
    smarttls: { policy: 'dane-or-mta-sts' },
    delivery: { routeCheckTimeoutMs: 100 },
  }) as unknown as ZegelConfig;
const policies = (p: Partial<OrgPolicy> = {}) =>
  ({ get: async () => ({ ...DEFAULT_ORG_POLICY, ...p }) }) as unknown as OrgPolicyService;

/** Every classification routes as itself, except `lab-results`, which routes as registered. */
const classifications = {
  routeAs: async (id: string) => (id === 'lab-results' ? 'registered' : id),
} as unknown as ClassificationsService;

describe('RecipientRouter.plan', () => {
  it('routes an admin-defined classification as the built-in one it names', async () => {
    const { service, calls } = smartTls({ 'a.nl': ['direct', 1] });
    const router = new RecipientRouter(config(), service, policies(), classifications);
    const [p] = await router.plan('lab-results', ['x@a.nl']);
    expect(p.route).toBe('pickup');
    expect(p.reasons[0].code).toBe('REGISTERED_ALWAYS_PICKUP');
    expect(calls).toHaveLength(0);
  });

  it('routes each recipient from its domain verdict, checking each domain once', async () => {
    const { service, calls } = smartTls({ 'a.nl': ['direct', 5], 'b.nl': ['pickup', 5] });
    const router = new RecipientRouter(config(), service, policies(), classifications);
    const plan = await router.plan('confidential', ['x@a.nl', 'y@a.nl', 'z@b.nl']);
    expect(plan.map((p) => [p.address, p.route, p.verdict])).toEqual([
      ['x@a.nl', 'direct', 'direct'],
      ['y@a.nl', 'direct', 'direct'],
      ['z@b.nl', 'pickup', 'pickup'],
    ]);
    expect(calls.map((c) => c.domain)).toEqual(['a.nl', 'b.nl']);
  });

  it('answers pickup (pending) for a check slower than the budget', async () => {
    const { service } = smartTls({ 'slow.nl': ['direct', 1000] });
    const router = new RecipientRouter(config(), service, policies(), classifications);
    const started = Date.now();
    const [p] = await router.plan('confidential', ['x@slow.nl']);
    expect(Date.now() - started).toBeLessThan(900);
    expect(p).toMatchObject({ route: 'pickup', verdict: 'pending' });
    expect(p.reasons[0].code).toBe('VERDICT_PENDING');
  });

  it('treats a failing check as defer: pickup', async () => {
    const { service } = smartTls({});
    const router = new RecipientRouter(config(), service, policies(), classifications);
    const [p] = await router.plan('confidential', ['x@down.nl']);
    expect(p).toMatchObject({ route: 'pickup', verdict: 'defer' });
    expect(p.reasons[0].details?.[0].message).toContain('resolver unreachable');
  });

  it.each<[string, string, Partial<OrgPolicy>, number]>([
    ['registered needs no check', 'registered', {}, 0],
    ['no direct outbound needs no check', 'confidential', {}, 0],
    ['forced pickup needs no check', 'confidential', { forcePickupDomains: ['a.nl'] }, 0],
  ])('%s', async (_name, classification, policy, expectedCalls) => {
    const { service, calls } = smartTls({ 'a.nl': ['direct', 1] });
    const mode = _name.startsWith('no direct') ? 'capture' : 'direct';
    const router = new RecipientRouter(config(mode), service, policies(policy), classifications);
    const [p] = await router.plan(classification, ['x@a.nl']);
    expect(p.route).toBe('pickup');
    expect(calls).toHaveLength(expectedCalls);
  });

  it('checks under dane-only when the organisation demands DANE', async () => {
    const { service, calls } = smartTls({ 'a.nl': ['direct', 1] });
    const router = new RecipientRouter(
      config(),
      service,
      policies({ daneOnly: true }),
      classifications,
    );
    await router.plan('confidential', ['x@a.nl']);
    expect(calls[0].policy).toBe('dane-only');
  });
});
