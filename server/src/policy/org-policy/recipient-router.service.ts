import { Injectable } from '@nestjs/common';
import type { OrgPolicy, PreflightRecipient } from '@zegel/shared';
import { ZegelConfig } from '../../config/config';
import { SmartTlsService } from '../../smarttls/smarttls.service';
import type { SmartTlsReport } from '../../smarttls/smarttls.types';
import { domainOf } from '../ruleset/domain-list.util';
import { ClassificationsService } from '../classifications/classifications.service';
import { OrgPolicyService } from './org-policy.service';
import {
  decideRoute,
  needsVerdict,
  smartTlsPolicyFor,
  type RouteDecision,
  type VerdictFacts,
} from '../ruleset/route.util';

export interface PlannedRecipient extends RouteDecision {
  address: string;
  verdict: PreflightRecipient['verdict'];
}

const PENDING = Symbol('pending');

/**
 * Feeds the ruleset: the organisation's policy, the outbound mode and the SmartTLS verdicts
 * (cached; a check that takes longer than the budget continues in the background and the
 * recipient gets the safe route for now).
 */
@Injectable()
export class RecipientRouter {
  constructor(
    private readonly config: ZegelConfig,
    private readonly smartTls: SmartTlsService,
    private readonly policies: OrgPolicyService,
    private readonly classifications: ClassificationsService,
  ) {}

  /** An admin-defined classification is routed as the built-in one it names. */
  private async routeClass(classification: string): Promise<string> {
    return (await this.classifications.routeAs(classification)) ?? classification;
  }

  get directAvailable(): boolean {
    return this.config.notify.outboundMode === 'direct';
  }

  /** Routes every recipient; waits at most `budgetMs` for SmartTLS checks. */
  async plan(
    named: string,
    addresses: string[],
    budgetMs = this.config.delivery.routeCheckTimeoutMs,
  ): Promise<PlannedRecipient[]> {
    const policy = await this.policies.get();
    const classification = await this.routeClass(named);
    const domains = [
      ...new Set(
        addresses
          .filter((a) => needsVerdict(classification, a, policy, this.directAvailable))
          .map(domainOf),
      ),
    ];
    const deadline = new Promise<typeof PENDING>((resolve) => {
      const timer = setTimeout(() => resolve(PENDING), budgetMs);
      timer.unref();
    });
    const verdicts = new Map<string, VerdictFacts | typeof PENDING>();
    await Promise.all(
      domains.map(async (d) => {
        const check = this.verdict(d, policy);
        verdicts.set(d, await Promise.race([check, deadline]));
      }),
    );
    return addresses.map((address) => {
      const facts = verdicts.get(domainOf(address));
      const verdict = facts === undefined ? 'not-needed' : facts === PENDING ? 'pending' : facts;
      return {
        address,
        ...decideRoute({
          classification,
          address,
          policy,
          directAvailable: this.directAvailable,
          verdict,
        }),
        verdict: typeof verdict === 'string' ? verdict : verdict.verdict,
      };
    });
  }

  /**
   * The route now, waiting for the check as long as it takes (delivery time), with the report the
   * session must be held to.
   */
  async routeNow(
    named: string,
    address: string,
  ): Promise<{ decision: RouteDecision; report: SmartTlsReport | null }> {
    const policy = await this.policies.get();
    const classification = await this.routeClass(named);
    let report: SmartTlsReport | null = null;
    let verdict: VerdictFacts | 'not-needed' = 'not-needed';
    if (needsVerdict(classification, address, policy, this.directAvailable)) {
      report = await this.smartTls.check(domainOf(address), {
        policy: smartTlsPolicyFor(policy, this.config.smarttls.policy),
      });
      verdict = facts(report);
    }
    const decision = decideRoute({
      classification,
      address,
      policy,
      directAvailable: this.directAvailable,
      verdict,
    });
    return { decision, report };
  }

  private async verdict(domain: string, policy: OrgPolicy): Promise<VerdictFacts> {
    try {
      const report = await this.smartTls.check(domain, {
        policy: smartTlsPolicyFor(policy, this.config.smarttls.policy),
      });
      return facts(report);
    } catch (error) {
      return {
        verdict: 'defer',
        nta7516Valid: false,
        reasons: [{ code: 'CHECK_FAILED', message: (error as Error).message.slice(0, 300) }],
      };
    }
  }
}

function facts(report: SmartTlsReport): VerdictFacts {
  return {
    verdict: report.verdict,
    nta7516Valid: report.nta7516.valid,
    reasons: report.reasons.map((r) => ({
      code: r.code,
      message: r.message,
      ...(r.host ? { host: r.host } : {}),
    })),
  };
}
