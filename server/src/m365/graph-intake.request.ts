import { E164_PHONE, type GraphIntakeRequest } from '@zegel/shared';
import { z } from 'zod';
import { ZegelError } from '../common/zegel-error';

const request = (maxAttachments: number, maxRecipients: number) =>
  z.object({
    itemId: z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[A-Za-z0-9+/=_-]+$/, 'is not a Graph message id'),
    classification: z.string().min(1).max(64),
    recipients: z
      .array(
        z.object({
          address: z.string().min(3).max(254),
          phone: z
            .string()
            .regex(E164_PHONE, 'must be an E.164 number, e.g. +31612345678')
            .optional(),
        }),
      )
      .min(1, 'needs at least one recipient')
      .max(maxRecipients),
    attachments: z
      .array(
        z.object({
          name: z.string().max(255),
          size: z.number().int().min(0),
          kind: z.enum(['file', 'item', 'cloud']),
          url: z
            .string()
            .max(2048)
            .regex(/^https:\/\//, 'must be an https link')
            .optional(),
        }),
      )
      .max(maxAttachments, `has more than ${maxAttachments} attachments`),
  });

/** The task pane's request, checked; every problem at once as VALIDATION_FAILED. */
export function parseGraphIntakeRequest(
  body: unknown,
  limits: { maxAttachments: number; maxRecipients: number },
): GraphIntakeRequest {
  const result = request(limits.maxAttachments, limits.maxRecipients).safeParse(body);
  if (!result.success) {
    throw new ZegelError(
      'VALIDATION_FAILED',
      'The request to send a saved draft is not valid.',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const missing = result.data.attachments.filter((a) => a.kind === 'cloud' && !a.url);
  if (missing.length) {
    throw new ZegelError(
      'VALIDATION_FAILED',
      'A cloud attachment needs its link.',
      missing.map((a) => ({ path: 'attachments', message: `${a.name} has no url` })),
    );
  }
  return result.data;
}
