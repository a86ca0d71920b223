import { DEFAULT_ORG_POLICY, type OrgPolicy } from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../../common/zegel-error';
import { normaliseDomainEntry } from '../ruleset/domain-list.util';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const domainList = z
  .array(z.string().max(253))
  .max(1000, 'may hold at most 1000 domains')
  .transform((list) => [...new Set(list.map(normaliseDomainEntry))])
  .refine((list) => list.every((d) => DOMAIN.test(d)), {
    message: 'must hold domain names such as zorg.nl (a leading *. is allowed)',
  });

const schema = z
  .object({
    directDelivery: z.boolean(),
    daneOnly: z.boolean(),
    requireNta7516Record: z.boolean(),
    forcePickupDomains: domainList,
    holdDomains: domainList,
  })
  .strict()
  .partial();

/**
 * Applies a (partial) update to the current policy; every problem is listed at once. Fields not
 * given keep their value.
 */
export function applyPolicyUpdate(current: OrgPolicy, input: unknown): OrgPolicy {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ZegelError(
      'VALIDATION_FAILED',
      'The policy is not valid.',
      result.error.issues.map((i) => ({
        path: i.path.join('.') || '(policy)',
        message: i.message,
      })),
    );
  }
  return { ...DEFAULT_ORG_POLICY, ...current, ...result.data };
}
