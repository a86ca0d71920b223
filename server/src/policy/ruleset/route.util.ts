import type { OrgPolicy, RecipientRoute, RouteReason } from '@zegel/shared';
import { domainListed, domainOf } from './domain-list.util';

/** What the SmartTLS check said about the recipient domain, under the policy the ruleset asked for. */
export interface VerdictFacts {
  verdict: 'direct' | 'pickup' | 'defer';
  /** The recipient domain publishes a valid (unexpired) NTA 7516 TXT record. */
  nta7516Valid: boolean;
  reasons: { code: string; message: string; host?: string }[];
}

export interface RouteInput {
  classification: string;
  address: string;
  policy: OrgPolicy;
  /** Whether this installation can deliver straight to MX hosts (outbound mode `direct`). */
  directAvailable: boolean;
  /** The verdict, `pending` when the check has not finished, `not-needed` when nobody asked. */
  verdict: VerdictFacts | 'pending' | 'not-needed';
}

export interface RouteDecision {
  route: RecipientRoute;
  reasons: RouteReason[];
}

/** Whether a classification needs a SmartTLS verdict to be routed (only confidential does). */
export function needsVerdict(
  classification: string,
  address: string,
  policy: OrgPolicy,
  directAvailable: boolean,
): boolean {
  return (
    decideRoute({ classification, address, policy, directAvailable, verdict: 'pending' }).reasons[0]
      ?.code === 'VERDICT_PENDING'
  );
}

/** The SmartTLS policy to check a domain under: the organisation's DANE-only rule tightens the default. */
export function smartTlsPolicyFor<P extends string>(
  policy: OrgPolicy,
  configured: P,
): P | 'dane-only' {
  return policy.daneOnly ? 'dane-only' : configured;
}

const hold = (code: RouteReason['code'], message: string): RouteDecision => ({
  route: 'hold',
  reasons: [{ code, message }],
});
const pickup = (
  code: RouteReason['code'],
  message: string,
  details?: RouteReason['details'],
): RouteDecision => ({
  route: 'pickup',
  reasons: [{ code, message, ...(details?.length ? { details } : {}) }],
});

/**
 * The NTA 7516 ruleset for one recipient. Defaults: confidential goes direct when the domain's
 * SmartTLS verdict is direct, else pickup; registered always pickup; public and internal are not
 * Zegel's to send. The organisation's policy can only make it stricter. Whenever the answer is not
 * certain (check pending, deferred), the safe route is pickup, never ordinary mail. The
 * organisation's internal domains skip forced pickup and the NTA 7516 record rule, not TLS.
 */
export function decideRoute(input: RouteInput): RouteDecision {
  const { classification, policy } = input;
  const domain = domainOf(input.address);
  if (classification === 'public' || classification === 'internal') {
    return hold(
      'NOT_ZEGELS_TO_SEND',
      `${classification} mail is not Zegel's to send: Exchange sends it as usual.`,
    );
  }
  if (classification !== 'confidential' && classification !== 'registered') {
    return hold(
      'UNKNOWN_CLASSIFICATION',
      `Zegel has no rules for the classification "${classification}".`,
    );
  }
  if (domainListed(domain, policy.holdDomains)) {
    return hold('DOMAIN_HELD', `The organisation's policy sends nothing to ${domain}.`);
  }
  if (classification === 'registered') {
    return pickup(
      'REGISTERED_ALWAYS_PICKUP',
      'Registered mail always goes through the pickup portal with a CE-ID, for the evidence trail.',
    );
  }
  if (!policy.directDelivery) {
    return pickup(
      'DIRECT_DISABLED',
      "The organisation's policy sends confidential mail only through the pickup portal.",
    );
  }
  // The organisation's own domains need no extra protection: only TLS (never downgraded) counts.
  const internal = domainListed(domain, policy.internalDomains ?? []);
  if (!internal && domainListed(domain, policy.forcePickupDomains)) {
    return pickup(
      'DOMAIN_FORCED_PICKUP',
      `The organisation's policy uses the pickup portal for ${domain}.`,
    );
  }
  if (!input.directAvailable) {
    return pickup(
      'DIRECT_UNAVAILABLE',
      'This installation does not deliver to recipient mail servers itself (outbound mode is not direct).',
    );
  }
  const verdict = input.verdict;
  if (verdict === 'pending' || verdict === 'not-needed') {
    return pickup(
      'VERDICT_PENDING',
      `The mail servers of ${domain} are still being checked; the pickup portal is the safe route.`,
    );
  }
  if (verdict.verdict === 'defer') {
    return pickup(
      'SMARTTLS_DEFER',
      `Whether ${domain} is safe cannot be decided now; the pickup portal is the safe route.`,
      verdict.reasons,
    );
  }
  if (verdict.verdict === 'pickup') {
    return pickup(
      'SMARTTLS_PICKUP',
      `The mail servers of ${domain} do not meet the TLS requirements for direct delivery${policy.daneOnly ? ' (DANE only)' : ''}.`,
      verdict.reasons,
    );
  }
  if (internal) {
    return {
      route: 'direct',
      reasons: [
        {
          code: 'INTERNAL_DOMAIN',
          message: `${domain} is one of the organisation's own domains and its mail servers meet the TLS requirements: straight into the inbox.`,
        },
      ],
    };
  }
  if (policy.requireNta7516Record && !verdict.nta7516Valid) {
    return pickup(
      'NTA7516_RECORD_MISSING',
      `${domain} publishes no valid NTA 7516 record, which the organisation's policy requires for direct delivery.`,
    );
  }
  return {
    route: 'direct',
    reasons: [
      {
        code: 'SMARTTLS_DIRECT',
        message: `The mail servers of ${domain} meet the TLS requirements${policy.daneOnly ? ' with DANE' : ''}: straight into the inbox.`,
        ...(verdict.reasons.length ? { details: verdict.reasons } : {}),
      },
    ],
  };
}
