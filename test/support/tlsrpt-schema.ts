import { z } from 'zod';

/**
 * RFC 8460 section 4 (and the JSON example in its appendix B) as a strict schema: every field
 * the RFC names with its type; no unknown fields anywhere. A lab receiver checks reports with it.
 */
const dateTime = z.iso.datetime({ offset: true });
const ip = z.union([z.ipv4(), z.ipv6()]);
export const TLSRPT_REPORT_SCHEMA = z
  .object({
    'organization-name': z.string().min(1),
    'date-range': z.object({ 'start-datetime': dateTime, 'end-datetime': dateTime }).strict(),
    'contact-info': z.string().min(1),
    'report-id': z.string().min(1),
    policies: z
      .array(
        z
          .object({
            policy: z
              .object({
                'policy-type': z.enum(['tlsa', 'sts', 'no-policy-found']),
                'policy-string': z.array(z.string()).optional(),
                'policy-domain': z.string().min(1),
                'mx-host': z.array(z.string()).optional(),
              })
              .strict(),
            summary: z
              .object({
                'total-successful-session-count': z.number().int().nonnegative(),
                'total-failure-session-count': z.number().int().nonnegative(),
              })
              .strict(),
            'failure-details': z
              .array(
                z
                  .object({
                    'result-type': z.enum([
                      'starttls-not-supported',
                      'certificate-host-mismatch',
                      'certificate-expired',
                      'certificate-not-trusted',
                      'validation-failure',
                      'tlsa-invalid',
                      'dnssec-invalid',
                      'dane-required',
                      'sts-policy-fetch-error',
                      'sts-policy-invalid',
                      'sts-webpki-invalid',
                    ]),
                    'sending-mta-ip': ip.optional(),
                    'receiving-mx-hostname': z.string().optional(),
                    'receiving-mx-helo': z.string().optional(),
                    'receiving-ip': ip.optional(),
                    'failed-session-count': z.number().int().positive(),
                    'additional-information': z.string().optional(),
                    'failure-reason-code': z.string().optional(),
                  })
                  .strict(),
              )
              .optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
