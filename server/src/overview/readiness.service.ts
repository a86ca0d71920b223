import { Injectable } from '@nestjs/common';
import type { ReadinessAdvice, ReadinessDomain, ReadinessList } from '@zegel/shared';
import { ZegelConfig } from '../config/config';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { RecipientRouter } from '../policy/org-policy/recipient-router.service';
import { smartTlsPolicyFor } from '../policy/ruleset/route.util';
import { ADVICE } from '../smarttls/scan/advice';
import { SmartTlsService } from '../smarttls/smarttls.service';
import type { ReasonCode, SmartTlsReport } from '../smarttls/smarttls.types';
import { windowStart } from './overview-window.util';
import { OverviewRepository } from './overview.repository';

/** The most domains one list checks; the busiest come first. */
export const READINESS_MAX_DOMAINS = 50;
/** Checks running at once, as `zegel smarttls scan` does by default. */
const CONCURRENCY = 8;
/** How long the list waits for checks; slower ones finish in the background for the next look. */
const BUDGET_MS = 8_000;

type Outcome = SmartTlsReport | 'pending' | 'failed';

/**
 * The SmartTLS readiness list: the domains the organisation sent to recently, each with the route
 * confidential mail gets now, the SmartTLS verdict, and what the recipient's admin could change
 * (the advice texts of `zegel smarttls scan`). Checks go through the SmartTLS cache.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly overview: OverviewRepository,
    private readonly smartTls: SmartTlsService,
    private readonly router: RecipientRouter,
    private readonly policies: OrgPolicyService,
  ) {}

  async list(days: number, now = new Date()): Promise<ReadinessList> {
    const traffic = await this.overview.recipientDomains(
      windowStart(now, days),
      READINESS_MAX_DOMAINS,
    );
    const policy = smartTlsPolicyFor(await this.policies.get(), this.config.smarttls.policy);
    const outcomes = await this.checkAll(
      traffic.map((t) => t.domain),
      (domain) => this.smartTls.check(domain, { policy }),
    );
    // The checks are cached now, so the router's own look at them costs nothing.
    const routes = await this.router.plan(
      'confidential',
      traffic.map((t) => `postmaster@${t.domain}`),
      50,
    );
    const domains: ReadinessDomain[] = traffic.map((t, i) => {
      const outcome = outcomes[i];
      const report = typeof outcome === 'string' ? null : outcome;
      return {
        ...t,
        route: routes[i].route,
        routeReason: {
          code: routes[i].reasons[0]?.code ?? '',
          message: routes[i].reasons[0]?.message ?? '',
        },
        verdict: report?.verdict ?? (outcome as 'pending' | 'failed'),
        checkedAt: report?.checkedAt ?? null,
        // A domain that already gets direct delivery needs nothing from its admin.
        advice: report && report.verdict !== 'direct' ? adviceFor(report) : [],
      };
    });
    return { days, pending: domains.some((d) => d.verdict === 'pending'), domains };
  }

  /** Runs the checks a few at a time and waits at most the budget; the rest stay pending. */
  private async checkAll(
    domains: string[],
    check: (domain: string) => Promise<SmartTlsReport>,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = domains.map(() => 'pending');
    let next = 0;
    const worker = async () => {
      while (next < domains.length) {
        const i = next++;
        outcomes[i] = await check(domains[i]).catch(() => 'failed' as const);
      }
    };
    const all = Promise.all(Array.from({ length: CONCURRENCY }, worker));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, BUDGET_MS);
      timer.unref();
    });
    await Promise.race([all, deadline]);
    clearTimeout(timer);
    return [...outcomes];
  }
}

/** The findings that need a change, each once per host, in the words of the scan report. */
export function adviceFor(report: SmartTlsReport): ReadinessAdvice[] {
  const seen = new Set<string>();
  const advice: ReadinessAdvice[] = [];
  for (const reason of report.reasons) {
    const text = ADVICE[reason.code as ReasonCode];
    const key = `${reason.code} ${reason.host ?? ''}`;
    if (!text || !text.en.fix || seen.has(key)) continue;
    seen.add(key);
    advice.push({
      code: reason.code,
      ...(reason.host ? { host: reason.host } : {}),
      why: { en: text.en.why, nl: text.nl.why },
      fix: { en: text.en.fix, nl: text.nl.fix },
    });
  }
  return advice;
}
