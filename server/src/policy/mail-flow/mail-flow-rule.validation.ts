import { z } from 'zod';
import { ZegelError } from '../../common/zegel-error';
import type { MailFlowConditions, MailSample } from './mail-flow.types';

const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADER_NAME = /^[!-9;-~]{1,76}$/;

const words = z.array(z.string().trim().min(1).max(200)).min(1).max(100);

const conditions = z
  .object({
    senderAddresses: z
      .array(z.string().max(254).regex(ADDRESS, 'is not an e-mail address'))
      .min(1)
      .max(100),
    senderDomains: z.array(z.string().regex(DOMAIN, 'is not a domain name')).min(1).max(100),
    recipientDomains: z.array(z.string().regex(DOMAIN, 'is not a domain name')).min(1).max(100),
    subjectKeywords: words,
    bodyKeywords: words,
    header: z.object({
      name: z.string().regex(HEADER_NAME, 'is not a header name'),
      contains: z.string().min(1).max(200),
    }),
    msipLabelIds: z.array(z.string().regex(GUID, 'is not a label id (GUID)')).min(1).max(50),
    hasAttachment: z.boolean(),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'needs at least one condition');

const ruleInput = (classifications: readonly string[]) =>
  z
    .object({
      name: z.string().trim().min(1).max(200),
      enabled: z.boolean().default(true),
      position: z.number().int().min(0).max(1_000_000).optional(),
      conditions,
      classification: z
        .string()
        .refine((v) => classifications.includes(v), `must be one of ${classifications.join(', ')}`),
    })
    .strict();

export type MailFlowRuleInput = z.infer<ReturnType<typeof ruleInput>> & {
  conditions: MailFlowConditions;
};

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ZegelError(
    'VALIDATION_FAILED',
    `The ${what} is not valid.`,
    result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
  );
}

/** A rule as the API takes it; `classifications` are the ids that exist now. */
export const validateRuleInput = (
  input: unknown,
  classifications: readonly string[],
): MailFlowRuleInput =>
  parse(ruleInput(classifications), input, 'mail-flow rule') as MailFlowRuleInput;

const sample = z
  .object({
    sender: z.string().max(254).regex(ADDRESS, 'is not an e-mail address'),
    recipients: z
      .array(z.string().max(254).regex(ADDRESS, 'is not an e-mail address'))
      .min(1)
      .max(1000),
    subject: z.string().max(998).default(''),
    body: z.string().max(1_000_000).default(''),
    headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
    attachmentCount: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

/** A sample message for the preview; header names are lower-cased, single values become lists. */
export function validateSample(input: unknown): MailSample {
  const s = parse(sample, input, 'sample message');
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(s.headers)) {
    headers[name.toLowerCase()] = [
      ...(headers[name.toLowerCase()] ?? []),
      ...([] as string[]).concat(value),
    ];
  }
  return { ...s, headers };
}

const reorder = z
  .object({
    order: z
      .array(z.object({ id: z.string().min(1).max(36), version: z.number().int().min(1) }).strict())
      .max(10_000),
  })
  .strict();

/** The body of a reorder: every rule's id with the version the caller saw. */
export const validateReorder = (input: unknown): { id: string; version: number }[] =>
  parse(reorder, input, 'new order').order;

/**
 * The version an If-Match header names: `"3"`, `W/"3"` or `3`. Undefined when there is none;
 * a header that names no version is a 400.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match)
    throw new ZegelError('VALIDATION_FAILED', 'If-Match must name a version, e.g. "3".', [
      { path: 'If-Match', message: 'must name a version, e.g. "3"' },
    ]);
  return Number(match[1]);
}
