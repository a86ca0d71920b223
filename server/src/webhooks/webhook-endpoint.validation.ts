import { EVIDENCE_EVENT_TYPES } from '@zegel/shared';
import { randomBytes } from 'node:crypto';
import { parseCidr } from '../common/net/outbound-guard';
import { ZegelError } from '../common/zegel-error';

export interface WebhookEndpointInput {
  url: string;
  eventTypes: string[];
  description: string;
  allowedPrivateTargets: string[];
  enabled: boolean;
  /** A new secret; absent keeps the old one (or, on create, Zegel makes one). */
  secret?: string;
}

type Problem = { path: string; message: string };

const SECRET = /^whsec_[A-Za-z0-9+/]{32,128}={0,2}$/;

/** A fresh secret in the form Standard Webhooks shows: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function urlProblem(value: unknown, allowHttp: boolean): string | null {
  if (typeof value !== 'string' || !value || value.length > 2048)
    return 'must be an absolute URL of at most 2048 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    return allowHttp ? 'must start with https:// or http://' : 'must start with https://';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.hash) return 'must not have a #fragment';
  if (!url.hostname) return 'must name a host';
  return null;
}

/** Checks an endpoint as the admin API receives it; every problem is listed. */
export function validateEndpointInput(body: unknown, allowHttp: boolean): WebhookEndpointInput {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const urlIssue = urlProblem(b.url, allowHttp);
  if (urlIssue) problems.push({ path: 'url', message: urlIssue });
  const known = new Set<string>(EVIDENCE_EVENT_TYPES);
  const types = b.eventTypes;
  if (
    !Array.isArray(types) ||
    !types.length ||
    types.length > known.size ||
    types.some((t) => typeof t !== 'string' || !known.has(t))
  ) {
    problems.push({
      path: 'eventTypes',
      message: `must be a non-empty list of event types: ${EVIDENCE_EVENT_TYPES.join(', ')}`,
    });
  }
  const description = b.description ?? '';
  if (typeof description !== 'string' || description.length > 200)
    problems.push({ path: 'description', message: 'must be text of at most 200 characters' });
  const ranges = b.allowedPrivateTargets ?? [];
  if (
    !Array.isArray(ranges) ||
    ranges.length > 20 ||
    ranges.some((r) => typeof r !== 'string' || !parseCidr(r))
  ) {
    problems.push({
      path: 'allowedPrivateTargets',
      message: 'must be a list (at most 20) of addresses or CIDR ranges, e.g. 10.20.0.5/32',
    });
  }
  const enabled = b.enabled ?? true;
  if (typeof enabled !== 'boolean')
    problems.push({ path: 'enabled', message: 'must be true or false' });
  if (b.secret !== undefined && (typeof b.secret !== 'string' || !SECRET.test(b.secret)))
    problems.push({
      path: 'secret',
      message: 'must be whsec_ followed by 24 to 96 bytes in base64',
    });
  if (problems.length)
    throw new ZegelError('VALIDATION_FAILED', 'The webhook endpoint is not valid.', problems);
  return {
    url: b.url as string,
    eventTypes: [...new Set(types as string[])],
    description: description as string,
    allowedPrivateTargets: (ranges as string[]).map((r) => r.trim()),
    enabled: enabled as boolean,
    ...(b.secret !== undefined ? { secret: b.secret as string } : {}),
  };
}

export interface SecretRotationInput {
  /** The new secret; absent: Zegel makes one. */
  secret?: string;
  /** How long the old secret signs as well; absent: ZEGEL_WEBHOOK_SECRET_GRACE_HOURS. */
  graceSeconds?: number;
}

/** The longest grace period a rotation may ask for: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 86_400;

/** `POST …/rotate-secret`: an optional new secret and an optional grace period in seconds. */
export function validateSecretRotation(body: unknown): SecretRotationInput {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  if (b.secret !== undefined && (typeof b.secret !== 'string' || !SECRET.test(b.secret)))
    problems.push({
      path: 'secret',
      message: 'must be whsec_ followed by 24 to 96 bytes in base64',
    });
  const grace = b.graceSeconds;
  if (
    grace !== undefined &&
    (typeof grace !== 'number' ||
      !Number.isInteger(grace) ||
      grace < 0 ||
      grace > MAX_GRACE_SECONDS)
  )
    problems.push({
      path: 'graceSeconds',
      message: `must be a whole number from 0 to ${MAX_GRACE_SECONDS}`,
    });
  if (problems.length)
    throw new ZegelError('VALIDATION_FAILED', 'Not a valid secret rotation.', problems);
  return {
    ...(b.secret !== undefined ? { secret: b.secret as string } : {}),
    ...(grace !== undefined ? { graceSeconds: grace as number } : {}),
  };
}
