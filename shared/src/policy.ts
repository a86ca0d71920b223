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
  | 'SMARTTLS_DIRECT';

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
}

export const DEFAULT_ORG_POLICY: OrgPolicy = {
  directDelivery: true,
  daneOnly: false,
  requireNta7516Record: false,
  forcePickupDomains: [],
  holdDomains: [],
};

export interface OrgPolicyView extends OrgPolicy {
  updatedAt: string | null;
  updatedBy: string | null;
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
