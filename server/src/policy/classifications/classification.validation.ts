import { OUTLOOK_CATEGORY_COLOURS, ROUTE_AS, type ClassificationInput } from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../../common/zegel-error';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (max: number) => z.string().trim().min(1).max(max);
const pair = (max: number) => z.object({ en: text(max), nl: text(max) }).strict();

const schema = z
  .object({
    // The header value: Exchange transport rules match it, so it stays plain.
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2 to 63 lower-case letters, digits or hyphens'),
    label: pair(80),
    description: pair(400),
    colour: z
      .string()
      .refine(
        (c) => OUTLOOK_CATEGORY_COLOURS.includes(c),
        'must be an Outlook colour preset0 … preset24',
      ),
    purviewLabelId: z
      .string()
      .regex(GUID, 'is not a sensitivity label id (GUID)')
      .transform((v) => v.toLowerCase())
      .nullable()
      .default(null),
    routeAs: z
      .string()
      .refine(
        (r) => (ROUTE_AS as readonly string[]).includes(r),
        `must be one of ${ROUTE_AS.join(', ')}`,
      ),
  })
  .strict();

/** An admin's classification, every problem listed with its path. */
export function validateClassification(input: unknown): ClassificationInput {
  const result = schema.safeParse(input);
  if (result.success) return result.data as ClassificationInput;
  throw new ZegelError(
    'VALIDATION_FAILED',
    'The classification is not valid.',
    result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
  );
}
