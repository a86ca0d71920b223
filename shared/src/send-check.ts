/**
 * Why the Outlook add-in's send check (Smart Alerts) stops a mail. A refusal is reported to
 * `POST /api/v1/send-check/refusals`, which records it as SubmissionRejection evidence.
 */
export const SEND_CHECK_REFUSAL_REASONS = [
  'ALREADY_SENT',
  'HEADER_NOT_PERSISTED',
  'UNLABELLED_EXTERNAL',
] as const;

export type SendCheckRefusalReason = (typeof SEND_CHECK_REFUSAL_REASONS)[number];

export interface SendCheckRefusalReport {
  reason: SendCheckRefusalReason;
  /** How many recipients are outside the organisation (addresses are not sent). */
  externalRecipients: number;
}

/**
 * What the send check asks the server for (`GET /api/v1/send-check/settings`): the organisation
 * policy's internal domains, so a change in the admin console reaches Outlook without a new build.
 */
export interface SendCheckSettings {
  internalDomains: string[];
}
