import { Injectable } from '@nestjs/common';
import type { PolicyPreflightResponse, PolicyPreflightRow, PolicySettings } from '@zegel/shared';
import { ZegelConfig } from '../../config/config';
import { SmartTlsService } from '../../smarttls/smarttls.service';
import { decideRoute, smartTlsPolicyFor, type VerdictFacts } from '../ruleset/route.util';
import { OrgPolicyService } from './org-policy.service';
import { RecentDomainsRepository } from './recent-domains.repository';

/** Domains looked at: enough to show the effect, few enough to answer at once. */
const SAMPLE = 50;
/** The routes the policy decides; public and internal are not Zegel's to send either way. */
const ROUTED = ['confidential', 'registered'] as const;

/**
 * Shows what a proposed policy would do before it is saved: the recipient domains of recent
 * messages, each under the current and the proposed policy, from the SmartTLS verdict Zegel holds
 * for it (no new checks: a domain not in the cache counts as not yet checked).
 */
@Injectable()
export class PolicyPreflightService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly smartTls: SmartTlsService,
    private readonly policies: OrgPolicyService,
    private readonly recent: RecentDomainsRepository,
  ) {}

  async preflight(input: unknown): Promise<PolicyPreflightResponse> {
    const { current, proposed } = await this.policies.propose(input);
    const domains = await this.recent.recent(SAMPLE);
    const rows: PolicyPreflightRow[] = [];
    for (const domain of domains) {
      for (const classification of ROUTED) {
        const before = this.route(domain, classification, current);
        const after = this.route(domain, classification, proposed);
        rows.push({
          domain,
          classification,
          verdict: after.verdict,
          before: before.decision,
          after: after.decision,
          changed:
            before.decision.route !== after.decision.route ||
            before.decision.code !== after.decision.code,
        });
      }
    }
    const changes: Record<string, number> = {};
    for (const r of rows.filter((r) => r.before.route !== r.after.route)) {
      const key = `${r.before.route}→${r.after.route}`;
      changes[key] = (changes[key] ?? 0) + 1;
    }
    return { domains: domains.length, rows, changes };
  }

  private route(domain: string, classification: string, policy: PolicySettings) {
    const report = this.smartTls.cached(
      domain,
      smartTlsPolicyFor(policy, this.config.smarttls.policy),
    );
    const verdict: VerdictFacts | 'pending' = report
      ? {
          verdict: report.verdict,
          nta7516Valid: report.nta7516.valid,
          reasons: [],
        }
      : 'pending';
    const decision = decideRoute({
      classification,
      address: `preflight@${domain}`,
      policy,
      directAvailable: this.config.notify.outboundMode === 'direct',
      verdict,
    });
    return {
      verdict: report?.verdict ?? ('unknown' as const),
      decision: { route: decision.route, code: decision.reasons[0].code },
    };
  }
}
