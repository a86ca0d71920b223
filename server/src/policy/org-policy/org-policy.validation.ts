import { POLICY_LIMITS, type PolicyProblemCode, type PolicySettings } from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../../common/zegel-error';
import { normaliseDomainEntry } from '../ruleset/domain-list.util';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DOMAIN_INVALID = 'must hold domain names such as zorg.nl (a leading *. is allowed)';

const domainList = z
  .array(z.string().max(253))
  .max(1000, 'may hold at most 1000 domains')
  .transform((list) => [...new Set(list.map(normaliseDomainEntry))])
  .refine((list) => list.every((d) => DOMAIN.test(d)), { message: DOMAIN_INVALID });

const count = (limits: { min: number; max: number }) =>
  z.number().int().min(limits.min).max(limits.max);

const pickupSchema = z
  .object({
    wrongCodesPerCopy: count(POLICY_LIMITS.wrongCodesPerCopy),
    wrongCodesPerAddress: count(POLICY_LIMITS.wrongCodesPerAddress),
    acceptWindowDays: count(POLICY_LIMITS.acceptWindowDays),
    downloadWindowHours: count(POLICY_LIMITS.downloadWindowHours),
  })
  .strict()
  .partial();

const schema = z
  .object({
    directDelivery: z.boolean(),
    daneOnly: z.boolean(),
    requireNta7516Record: z.boolean(),
    forcePickupDomains: domainList,
    holdDomains: domainList,
    internalDomains: domainList,
    pickup: pickupSchema,
    // A classification left out (or null) takes the accept window.
    retentionDays: z.record(z.string().max(64), count(POLICY_LIMITS.retentionDays).nullable()),
  })
  .strict()
  .partial();

/** The stable code of one zod problem, so the form can say it in the admin's language. */
function codeOf(issue: z.core.$ZodIssue): PolicyProblemCode {
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  if (issue.code === 'invalid_type') return 'WRONG_TYPE';
  if (issue.message === DOMAIN_INVALID) return 'DOMAIN_INVALID';
  if (issue.code === 'too_big' && issue.origin === 'array') return 'TOO_MANY';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'TOO_LONG';
  if (issue.code === 'too_big' || issue.code === 'too_small') return 'OUT_OF_RANGE';
  return 'WRONG_TYPE';
}

export const invalidPolicy = (details: { path: string; message: string; code: string }[]) =>
  new ZegelError('VALIDATION_FAILED', 'The policy is not valid.', details);

/**
 * Applies a (partial) update to the current policy; every problem is listed at once, each with a
 * stable code. Fields not given keep their value; `retentionDays` entries are merged, null removes
 * one. `classifications` are the ids a retention may name.
 */
export function applyPolicyUpdate(
  current: PolicySettings,
  input: unknown,
  classifications: readonly string[],
): PolicySettings {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw invalidPolicy(
      result.error.issues.map((i) => ({
        path: i.path.join('.') || '(policy)',
        message: i.message,
        code: codeOf(i),
      })),
    );
  }
  const { pickup, retentionDays, ...routing } = result.data;
  const unknown = Object.keys(retentionDays ?? {}).filter((id) => !classifications.includes(id));
  if (unknown.length) {
    throw invalidPolicy(
      unknown.map((id) => ({
        path: `retentionDays.${id}`,
        message: 'is not a classification',
        code: 'UNKNOWN_CLASSIFICATION',
      })),
    );
  }
  const retention = { ...current.retentionDays };
  for (const [id, days] of Object.entries(retentionDays ?? {})) {
    if (days === null) delete retention[id];
    else retention[id] = days;
  }
  return {
    ...current,
    ...routing,
    pickup: { ...current.pickup, ...pickup },
    retentionDays: retention,
  };
}
