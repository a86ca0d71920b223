import { Injectable } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { ZegelError } from '../common/zegel-error';
import { OutboundGuard } from '../common/net/outbound-guard';
import type { DeliveryRequirements, SmartTlsPolicy, SmartTlsReport } from './smarttls.types';
import { SMARTTLS_POLICIES } from './smarttls.types';
import { judge, SmartTlsEngine } from './smarttls.engine';
import { SingleFlightCache } from './smarttls.cache';
import { normalizeDomain } from './dns/dns-status.util';
import { deliveryRequirements } from './policy/delivery-requirements.util';
import { scanDomains } from './scan/smarttls-scan';
import type { ScanOptions, ScanRow } from './scan/scan.types';

/**
 * SmartTLS inside the server: checks are cached per domain until the DNS TTLs or the MTA-STS
 * max_age run out, and concurrent checks of one domain share one probe.
 */
@Injectable()
export class SmartTlsService {
  private engine?: SmartTlsEngine;
  /** A check that failed (DNS unreachable, say) is not repeated by every intake for 30 s. */
  private readonly cache = new SingleFlightCache<SmartTlsReport>(
    (r) => Date.parse(r.expiresAt),
    Date.now,
    10_000,
    30_000,
  );

  constructor(private readonly config: ZegelConfig) {}

  /** Built on first use, so settings made before the first check apply. */
  private getEngine(): SmartTlsEngine {
    const s = this.config.smarttls;
    this.engine ??= new SmartTlsEngine({
      resolver: s.dnsResolver,
      caFile: s.caFile,
      smtpPort: s.smtpPort,
      mtaStsPort: s.mtaStsPort,
      ehloName: hostOf(this.config.publicUrl),
      guard: OutboundGuard.fromList(this.config.outbound.privateTargetsAllowed),
    });
    return this.engine;
  }

  async check(domain: string, options: { policy?: SmartTlsPolicy } = {}): Promise<SmartTlsReport> {
    const name = normalizeDomain(domain);
    if (!name) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        `"${domain.slice(0, 100)}" is not a domain name (letters, digits and hyphens in dot-separated labels).`,
      );
    }
    const policy = options.policy ?? this.config.smarttls.policy;
    if (!SMARTTLS_POLICIES.includes(policy)) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        `Unknown SmartTLS policy "${policy}"; use one of ${SMARTTLS_POLICIES.join(', ')}.`,
      );
    }
    const facts = await this.cache.get(name, () => this.getEngine().gather(name));
    return judge(facts, policy);
  }

  /** The verdict from the last check still cached for `domain`, judged under `policy`; no probe. */
  cached(domain: string, policy: SmartTlsPolicy): SmartTlsReport | undefined {
    const name = normalizeDomain(domain);
    const facts = name ? this.cache.peek(name) : undefined;
    return facts ? judge(facts, policy) : undefined;
  }

  /**
   * Checks a list of domains, a bounded number at a time, through the same cache as single checks:
   * the engine behind `zegel smarttls scan` and the admin console's readiness list.
   */
  async scan(
    domains: string[],
    options: {
      policy?: SmartTlsPolicy;
      concurrency?: number;
      onProgress?: ScanOptions['onProgress'];
    } = {},
  ): Promise<ScanRow[]> {
    const bad = domains.filter((d) => !normalizeDomain(d));
    if (bad.length) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        `${bad.length} of the names are not domain names.`,
        bad.slice(0, 20).map((d) => ({ path: 'domains', message: `"${d.slice(0, 100)}"` })),
      );
    }
    return scanDomains(domains, (d) => this.check(d, { policy: options.policy }), {
      concurrency: options.concurrency ?? 8,
      onProgress: options.onProgress,
    });
  }

  /** What the delivery session must enforce for this domain; empty hosts unless the verdict is direct. */
  async deliveryRequirements(
    domain: string,
    options: { policy?: SmartTlsPolicy } = {},
  ): Promise<DeliveryRequirements> {
    const report = await this.check(domain, options);
    return deliveryRequirements(report, this.config.smarttls.caFile);
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
