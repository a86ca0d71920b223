/**
 * How large a request body each route may have, and in which form. Bodies are read before routing,
 * so the table matches on method and path. Limits are what the route needs: the pickup unlock takes
 * a CE-ID (a few dozen bytes), the message submission what the configured limits allow, anything
 * not listed (and every unknown route) a small body at most.
 */
export interface BodyPolicy {
  /** The most bytes of JSON this route reads into memory. */
  jsonLimit: number;
  /** multipart/form-data is streamed by the route itself (the message submission only). */
  multipart: boolean;
}

export interface BodyLimitSettings {
  maxBodyBytes: number;
  maxRecipients: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** Routes with no body, or a body of a few fields, and every route not matched below. */
export const SMALL_BODY_BYTES = 1 * KIB;

/**
 * The JSON of the largest submission the limits allow: html and text up to ZEGEL_MAX_BODY_BYTES
 * each, with room for JSON escapes (half again), up to ZEGEL_MAX_RECIPIENTS recipients of at most
 * ~300 bytes each, the subject (998 characters, escaped) and the punctuation.
 */
export const submissionJsonLimit = (s: BodyLimitSettings): number =>
  3 * s.maxBodyBytes + s.maxRecipients * 512 + 16 * KIB;

interface Route {
  method: string;
  path: RegExp;
  policy: (s: BodyLimitSettings) => BodyPolicy;
}

const json = (limit: number) => (): BodyPolicy => ({ jsonLimit: limit, multipart: false });

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/v1\/messages\/?$/,
    policy: (s) => ({ jsonLimit: submissionJsonLimit(s), multipart: true }),
  },
  // The sample's body holds up to 1,000,000 characters (mail-flow-rule.validation.ts).
  {
    method: 'POST',
    path: /^\/api\/v1\/admin\/mail-flow-rules\/preview\/?$/,
    policy: json(4 * MIB),
  },
  { method: 'POST', path: /^\/api\/v1\/admin\/mail-flow-rules\/?$/, policy: json(256 * KIB) },
  { method: 'PUT', path: /^\/api\/v1\/admin\/mail-flow-rules\/[^/]+\/?$/, policy: json(256 * KIB) },
  // A webhook endpoint: a URL of up to 2048 characters, the event types, up to 20 ranges, a secret.
  { method: 'POST', path: /^\/api\/v1\/admin\/webhooks\/?$/, policy: json(8 * KIB) },
  { method: 'PUT', path: /^\/api\/v1\/admin\/webhooks\/[^/]+\/?$/, policy: json(8 * KIB) },
  // Up to 1000 domains of 253 characters.
  { method: 'PUT', path: /^\/api\/v1\/admin\/policy\/?$/, policy: json(512 * KIB) },
  { method: 'POST', path: /^\/api\/v1\/policy\/preflight\/?$/, policy: json(64 * KIB) },
  // Graph intake: the draft's id, recipients and attachment descriptions (names, links), no content.
  {
    method: 'POST',
    path: /^\/api\/v1\/m365\/intake\/?$/,
    policy: (s) => ({ jsonLimit: 64 * KIB + s.maxRecipients * 512, multipart: false }),
  },
  // A reason of at most 500 characters.
  {
    method: 'POST',
    path: /^\/api\/v1\/(admin\/)?messages\/[^/]+\/recipients\/[^/]+\/(new-code|unlock)\/?$/,
    policy: json(8 * KIB),
  },
  // The branding with a logo of at most 256 KB as base64, and six texts of 1000 characters.
  { method: 'PUT', path: /^\/api\/v1\/admin\/branding\/?$/, policy: json(512 * KIB) },
  // The SMS provider's delivery reports (public, behind a secret path segment).
  { method: 'POST', path: /^\/api\/v1\/sms\/status\/[^/]+\/?$/, policy: json(64 * KIB) },
  { method: 'POST', path: /^\/api\/v1\/pickup\/[^/]+\/unlock\/?$/, policy: json(SMALL_BODY_BYTES) },
  // Secure reply: a text field and files, streamed by the route into the vault.
  {
    method: 'POST',
    path: /^\/api\/v1\/pickup\/[^/]+\/reply\/?$/,
    policy: () => ({ jsonLimit: SMALL_BODY_BYTES, multipart: true }),
  },
];

export function bodyPolicy(method: string, path: string, settings: BodyLimitSettings): BodyPolicy {
  const route = ROUTES.find((r) => r.method === method && r.path.test(path));
  return route ? route.policy(settings) : { jsonLimit: SMALL_BODY_BYTES, multipart: false };
}

/** The busboy field that carries the message JSON in a multipart submission. */
export const multipartMessageFieldLimit = (s: BodyLimitSettings): number => submissionJsonLimit(s);
