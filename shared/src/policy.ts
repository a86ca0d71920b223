/** Where a recipient's copy goes: straight into the inbox, through the pickup portal, or nowhere. */
export type RecipientRoute = 'direct' | 'pickup' | 'hold';

export type RouteReasonCode =
  | 'NOT_ZEGELS_TO_SEND'
  | 'UNKNOWN_CLASSIFICATION'
  | 'DOMAIN_HELD'
  | 'REGISTERED_ALWAYS_PICKUP'
  | 'DIRECT_DISABLED'
  | 'DIRECT_UNAVAILABLE'
  | 'DOMAIN_FORCED_PICKUP'
  | 'VERDICT_PENDING'
  | 'SMARTTLS_PICKUP'
  | 'SMARTTLS_DEFER'
  | 'NTA7516_RECORD_MISSING'
  | 'SMARTTLS_DIRECT'
  | 'INTERNAL_DOMAIN';

export interface RouteReason {
  code: RouteReasonCode;
  message: string;
  /** Reasons from the SmartTLS check behind this one (codes of the SmartTLS report). */
  details?: { code: string; message: string; host?: string }[];
}

/** The organisation's policy: it can only make routing stricter than the defaults. */
export interface OrgPolicy {
  /** Confidential mail may go straight into the inbox when the route is safe (default true). */
  directDelivery: boolean;
  /** Direct only when the recipient's MX hosts are authenticated by DANE (no PKIX, no MTA-STS). */
  daneOnly: boolean;
  /** Direct only when the recipient domain publishes a valid NTA 7516 TXT record. */
  requireNta7516Record: boolean;
  /** Domains (and their subdomains) that always get the pickup route. */
  forcePickupDomains: string[];
  /** Domains (and their subdomains) Zegel sends nothing to. */
  holdDomains: string[];
  /**
   * The organisation's own domains (and subdomains): confidential mail to them needs no extra
   * protection, so forced pickup and the NTA 7516 record rule do not apply; TLS is still enforced.
   */
  internalDomains: string[];
}

export const DEFAULT_ORG_POLICY: OrgPolicy = {
  directDelivery: true,
  daneOnly: false,
  requireNta7516Record: false,
  forcePickupDomains: [],
  holdDomains: [],
  internalDomains: [],
};

/** How the pickup page limits recipients; the configuration gives only the first-start values. */
export interface PickupLimits {
  /** Wrong CE-IDs for one copy, from all addresses together, before the copy is locked. */
  wrongCodesPerCopy: number;
  /** Wrong CE-IDs from one client address before that address is blocked for a while. */
  wrongCodesPerAddress: number;
  /** Days a recipient has to collect and answer (accept or decline) before the copy expires. */
  acceptWindowDays: number;
  /** Hours an accepted message can still be downloaded before its content is deleted. */
  downloadWindowHours: number;
}

/**
 * The organisation's policy as one versioned setting: routing, pickup limits and the retention
 * (days until an uncollected copy expires) per classification id; a classification not listed
 * uses `pickup.acceptWindowDays`.
 */
export interface PolicySettings extends OrgPolicy {
  pickup: PickupLimits;
  retentionDays: Record<string, number>;
}

/** GET /api/v1/admin/policy; a change names `version` in If-Match. */
export interface OrgPolicyView extends PolicySettings {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Bounds of the numbers in the policy, shared by the form and the server's check. */
export const POLICY_LIMITS = {
  wrongCodesPerCopy: { min: 1, max: 1000 },
  wrongCodesPerAddress: { min: 1, max: 100 },
  acceptWindowDays: { min: 1, max: 365 },
  downloadWindowHours: { min: 0, max: 24 * 90 },
  retentionDays: { min: 1, max: 365 },
} as const;

/** Stable codes of a field problem in the policy (the form shows its own text for each). */
export type PolicyProblemCode =
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'DOMAIN_INVALID'
  | 'TOO_MANY'
  | 'TOO_LONG'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_CLASSIFICATION'
  | 'IF_MATCH_REQUIRED';

/** POST /api/v1/admin/policy/preflight: a proposed policy run over recently used recipient domains. */
export interface PolicyPreflightRow {
  domain: string;
  /** The classification the row is about (each protected built-in route). */
  classification: string;
  /** The last SmartTLS verdict Zegel holds for the domain; `unknown` when none is cached. */
  verdict: 'direct' | 'pickup' | 'defer' | 'unknown';
  before: { route: RecipientRoute; code: RouteReasonCode };
  after: { route: RecipientRoute; code: RouteReasonCode };
  changed: boolean;
}

export interface PolicyPreflightResponse {
  /** How many distinct recipient domains of recent messages were looked at. */
  domains: number;
  rows: PolicyPreflightRow[];
  /** Number of rows whose route changes, by `before→after` (e.g. `direct→pickup`). */
  changes: Record<string, number>;
}

/** POST /api/v1/policy/preflight: what will happen to each recipient, before sending. */
export interface PreflightRequest {
  classification: string;
  recipients: string[];
}

export interface PreflightRecipient {
  address: string;
  route: RecipientRoute;
  reasons: RouteReason[];
  /** The SmartTLS verdict behind the route; `pending` while the domain is still being checked. */
  verdict: 'direct' | 'pickup' | 'defer' | 'pending' | 'not-needed';
}

/**
 * Whether the CE-ID of a pickup copy goes by SMS: never (`off`: the sender passes it on), when a
 * phone number is known (`optional`), or always (`required`: a copy without a number is refused).
 */
export type SmsCodeSetting = 'off' | 'optional' | 'required';

export interface PreflightResponse {
  classification: string;
  recipients: PreflightRecipient[];
  /** How the CE-ID travels, so the task pane asks for phone numbers only when they are used. */
  smsCode?: SmsCodeSetting;
  /** True when a domain is still being checked: asking again shortly gives a firmer answer. */
  pending: boolean;
}

/** POST /api/v1/messages/:id/revoke */
export interface RevokeResponse {
  id: string;
  /** Recipients whose links are now dead. */
  revoked: string[];
  /** Recipients the message already reached (delivered into the inbox); revoking cannot recall it. */
  alreadyDelivered: string[];
}
