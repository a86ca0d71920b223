import {
  contrastWithWhite,
  LOGO_TYPES,
  MAX_LOGO_BYTES,
  type BrandingUpdate,
  type LogoType,
} from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../common/zegel-error';

// Printable text and line breaks only: the texts go into mails and pages.
const TEXT = z
  .string()
  .max(1000, 'may hold at most 1000 characters')
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'may not hold control characters');
const localised = z.object({ nl: TEXT, en: TEXT }).strict();
const optional = (schema: z.ZodString) =>
  z.union([schema, z.literal(''), z.null()]).transform((v) => (v === '' || v === null ? null : v));

const schema = z
  .object({
    version: z.number().int().min(1),
    organisationName: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(120, 'may hold at most 120 characters')
      // eslint-disable-next-line no-control-regex -- control characters are what this refuses
      .refine((s) => !/[\u0000-\u001f\u007f<>]/.test(s), 'may not hold < > or control characters'),
    primaryColour: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #0f6cbd')
      .transform((s) => s.toLowerCase())
      .refine(
        (s) => contrastWithWhite(s) >= 4.5,
        'is too light: white text on it must have a contrast of at least 4.5:1',
      ),
    supportPhone: optional(
      z.string().regex(/^\+?[0-9 ()-]{6,24}$/, 'must be a phone number such as +31 20 123 4567'),
    ),
    supportUrl: optional(
      z
        .string()
        .max(500, 'may hold at most 500 characters')
        .refine((s) => {
          try {
            return new URL(s).protocol === 'https:';
          } catch {
            return false;
          }
        }, 'must be an https:// address'),
    ),
    texts: z.object({ notification: localised, ceId: localised, receipt: localised }).strict(),
    logo: z
      .object({ contentType: z.enum(LOGO_TYPES), data: z.string().max(MAX_LOGO_BYTES * 2) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export interface ValidBrandingUpdate extends Omit<BrandingUpdate, 'logo'> {
  /** Undefined keeps the stored logo. */
  logo?: { contentType: LogoType; bytes: Buffer } | null;
}

/** True when the bytes are what the content type says (a renamed file is refused). */
export function logoMatchesType(bytes: Buffer, type: LogoType): boolean {
  if (type === 'image/png')
    return bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const head = bytes.subarray(0, 1024).toString('utf8').trimStart();
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(head);
}

/** Checks a branding save; every problem is listed at once, by field. */
export function validateBrandingUpdate(input: unknown): ValidBrandingUpdate {
  const result = schema.safeParse(input);
  const details = result.success
    ? []
    : result.error.issues.map((i) => ({
        path: i.path.join('.') || '(branding)',
        message: i.message,
      }));
  let logo: ValidBrandingUpdate['logo'];
  if (result.success && result.data.logo) {
    const { contentType, data } = result.data.logo;
    const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(data) ? Buffer.from(data, 'base64') : null;
    if (!bytes || bytes.length === 0)
      details.push({ path: 'logo', message: 'must be a PNG, JPEG or SVG file' });
    else if (bytes.length > MAX_LOGO_BYTES)
      details.push({ path: 'logo', message: 'may be at most 256 KB' });
    else if (!logoMatchesType(bytes, contentType))
      details.push({ path: 'logo', message: `is not a ${contentType.split('/')[1]} file` });
    else logo = { contentType, bytes };
  } else if (result.success && result.data.logo === null) logo = null;
  if (!result.success || details.length)
    throw new ZegelError('VALIDATION_FAILED', 'The branding is not valid.', details);
  return { ...result.data, logo };
}
