import type { RecipientInput, SubmitMessageRequest } from '@zegel/shared';
import {
  BUILT_IN_CLASSIFICATIONS,
  CONTENT_ID,
  E164_PHONE,
  MAX_CONTENT_ID_LENGTH,
} from '@zegel/shared';
import { basename } from 'node:path';
import { z } from 'zod';
import { ZegelError } from '../common/zegel-error';

/** A practical addr-spec: what mail servers accept, without quoted locals or comments. */
export const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const PHONE = E164_PHONE;
const NO_LINE_BREAKS = /^[^\r\n]*$/;

export interface SubmissionLimits {
  maxRecipients: number;
  maxBodyBytes: number;
}

const schemas = new Map<string, ReturnType<typeof buildSchema>>();

/** One schema per set of limits: zod compiles a schema on its first use, which cost more than a parse. */
function schema(limits: SubmissionLimits) {
  const key = `${limits.maxRecipients}/${limits.maxBodyBytes}`;
  let built = schemas.get(key);
  if (!built) schemas.set(key, (built = buildSchema(limits)));
  return built;
}

function buildSchema(limits: SubmissionLimits) {
  const body = z
    .string()
    .refine(
      (s) => Buffer.byteLength(s) <= limits.maxBodyBytes,
      `is larger than ${limits.maxBodyBytes} bytes`,
    );
  return z
    .object({
      classification: z.string().min(1),
      subject: z
        .string()
        .max(998, 'is longer than 998 characters')
        .regex(NO_LINE_BREAKS, 'may not contain line breaks'),
      recipients: z
        .array(
          z.object({
            address: z
              .string()
              .max(254, 'is longer than 254 characters')
              .regex(ADDRESS, 'is not an e-mail address'),
            phone: z
              .string()
              .regex(PHONE, 'must be an international number such as +31612345678')
              .optional(),
          }),
        )
        .min(1, 'needs at least one recipient')
        .max(limits.maxRecipients, `may hold at most ${limits.maxRecipients} recipients`),
      html: body.optional(),
      text: body.optional(),
      allowReplies: z.boolean().optional(),
      inlineImages: z
        .array(
          z.object({
            attachment: z.number().int().min(0).max(9999),
            contentId: z
              .string()
              .min(1)
              .max(MAX_CONTENT_ID_LENGTH, `is longer than ${MAX_CONTENT_ID_LENGTH} characters`)
              .regex(
                CONTENT_ID,
                'must be a Content-ID without angle brackets, e.g. logo@example.nl',
              ),
          }),
        )
        .max(100, 'may name at most 100 images')
        .optional(),
    })
    .strict()
    .refine((m) => m.html !== undefined || m.text !== undefined, {
      message: 'needs an html or a text body',
      path: ['html'],
    });
}

/** The classifications that exist: the built-in four unless the caller read the database's. */
export type KnownClassifications = readonly { id: string; protected: boolean }[];

/**
 * Classifications Zegel itself sends: those routed as confidential or registered; public and
 * internal mail is not Zegel's to deliver.
 */
export function isHandledClassification(
  id: string,
  known: KnownClassifications = BUILT_IN_CLASSIFICATIONS,
): boolean {
  return known.some((c) => c.id === id && c.protected);
}

/**
 * Checks a submission and returns it normalised (addresses lower-cased, duplicates merged).
 * Every problem is listed at once with its path.
 */
export function validateSubmission(
  input: unknown,
  limits: SubmissionLimits,
  known: KnownClassifications = BUILT_IN_CLASSIFICATIONS,
): SubmitMessageRequest {
  const result = schema(limits).safeParse(input);
  if (!result.success) {
    throw new ZegelError(
      'VALIDATION_FAILED',
      'The message is not valid.',
      result.error.issues.map((i) => ({
        path: i.path.join('.') || '(message)',
        message: i.message,
      })),
    );
  }
  const message = result.data;
  if (!isHandledClassification(message.classification, known)) {
    throw new ZegelError(
      'CLASSIFICATION_NOT_HANDLED',
      `Zegel does not send mail classified "${message.classification}"; send it as ordinary mail.`,
    );
  }
  const seen = new Map<string, RecipientInput>();
  for (const r of message.recipients) {
    const address = r.address.toLowerCase();
    const existing = seen.get(address);
    seen.set(address, { address, phone: r.phone ?? existing?.phone });
  }
  return { ...message, recipients: [...seen.values()] };
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks, the Arabic letter mark): a
 * right-to-left override makes "invoice\u202Efdp.exe" look like "invoiceexe.pdf".
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * A file name safe to show and to offer for download: no directories, no control or bidi
 * characters, no names Windows reserves, at most 200 characters (extension kept). Storage never
 * uses it. Both entry points (API and SMTP connector) store names through it.
 */
export function safeFileName(raw: string | undefined, index: number): string {
  let name = basename((raw ?? '').replace(/\\/g, '/'));
  name = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/[<>:"/|?*]/g, '_');
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (RESERVED.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || `attachment-${index + 1}`;
}

/** A content type as declared by the client, reduced to type/subtype; anything odd becomes octet-stream. */
export function safeContentType(raw: string | undefined): string {
  const value = (raw ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(value)
    ? value
    : 'application/octet-stream';
}

/** A Content-ID from a mail, without its angle brackets; undefined when absent or not well-formed. */
export function safeContentId(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim().replace(/^<|>$/g, '');
  return value.length <= MAX_CONTENT_ID_LENGTH && CONTENT_ID.test(value) ? value : undefined;
}
