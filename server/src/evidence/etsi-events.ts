import { ETSI_EVENT_URI_PREFIX, type EvidenceEventType } from '@zegel/shared';

/**
 * Zegel's evidence events against ETSI EN 319 522-2: the ETSI event each one is (null where the
 * standard names none and the event is Zegel's own), and the reason codes Zegel records with it.
 * One table, published in docs/evidence.md; `reasonCodeOf` derives an event's code from its signed
 * fields, so anyone holding the bundle and this table gets the same code.
 */
export interface EtsiMapping {
  /** The ETSI EN 319 522-2 event name, or null for an event of Zegel's own. */
  etsi: string | null;
  /** What the event is when ETSI names none (the NTA 7516 duty it serves). */
  note?: string;
  /** The reason codes the event can carry, with when; empty when the event has no reason. */
  reasons: readonly ReasonRule[];
}

export interface ReasonRule {
  code: string;
  when: string;
  /** Matches the event's signed fields; the first rule that matches gives the code. */
  test: (e: ReasonSource) => boolean;
}

export interface ReasonSource {
  reason: string | null;
  details?: Record<string, unknown>;
}

const always = () => true;
const reasonHas = (pattern: RegExp) => (e: ReasonSource) => pattern.test(e.reason ?? '');
const detail = (key: string, values: readonly string[]) => (e: ReasonSource) =>
  values.includes(String(e.details?.[key] ?? ''));

export const ETSI_EVENTS: Readonly<Record<EvidenceEventType, EtsiMapping>> = {
  SubmissionAcceptance: { etsi: 'SubmissionAcceptance', reasons: [] },
  SubmissionRejection: {
    etsi: 'SubmissionRejection',
    reasons: [
      {
        code: 'SendCheckRefused',
        when: "the add-in's send check refused the send",
        test: detail('entry', ['send-check']),
      },
      {
        code: 'InvalidSubmission',
        when: 'the submission was malformed or incomplete',
        test: detail('code', ['VALIDATION_FAILED']),
      },
      {
        code: 'SizeLimitExceeded',
        when: 'the message or its parts exceed the limits',
        test: detail('code', ['PAYLOAD_TOO_LARGE', 'TOO_MANY_PARTS', '552']),
      },
      {
        code: 'UnsupportedContent',
        when: 'a media type or an attachment could not be taken in',
        test: detail('code', ['UNSUPPORTED_MEDIA_TYPE', 'ATTACHMENT_UNREADABLE']),
      },
      {
        code: 'PolicyRefusal',
        when: 'the classification is not one Zegel handles',
        test: detail('code', ['CLASSIFICATION_NOT_HANDLED']),
      },
      { code: 'OtherRefusal', when: 'any other refusal (an SMTP reply code, …)', test: always },
    ],
  },
  ConsignmentNotification: { etsi: 'ConsignmentNotification', reasons: [] },
  ConsignmentNotificationFailure: {
    etsi: 'ConsignmentNotificationFailure',
    reasons: [
      {
        code: 'NotificationUndeliverable',
        when: 'the notification mail or SMS was not delivered',
        test: always,
      },
    ],
  },
  NotificationDelivered: { etsi: 'NotificationDelivered', reasons: [] },
  ContentConsignment: { etsi: 'ContentConsignment', reasons: [] },
  ContentConsignmentFailure: {
    etsi: 'ContentConsignmentFailure',
    reasons: [
      {
        code: 'FallbackToPickup',
        when: 'direct delivery was not possible; the pickup route follows',
        test: reasonHas(/^not delivered directly/),
      },
      {
        code: 'RecipientServerRefused',
        when: "the recipient's server refused the message",
        test: reasonHas(/^refused/),
      },
      {
        code: 'DeliveryLifetimeExpired',
        when: 'not delivered within the delivery lifetime',
        test: always,
      },
    ],
  },
  ContentHandover: { etsi: 'ContentHandover', reasons: [] },
  ContentHandoverFailure: {
    etsi: 'ContentHandoverFailure',
    reasons: [
      { code: 'CopyLocked', when: 'wrong CE-IDs locked the copy', test: reasonHas(/copy locked/) },
      {
        code: 'AddressBlocked',
        when: 'wrong CE-IDs blocked the address',
        test: reasonHas(/address blocked/),
      },
      { code: 'WrongCeId', when: 'a wrong CE-ID was entered', test: reasonHas(/wrong CE-ID/) },
      {
        code: 'CeIdLost',
        when: 'the recipient reports the CE-ID lost',
        test: reasonHas(/CE-ID lost/),
      },
      { code: 'ContentUnavailable', when: 'the content was no longer there', test: always },
    ],
  },
  ContentAccessTracking: { etsi: 'ContentAccessTracking', reasons: [] },
  ConsignmentAcceptance: { etsi: 'ConsignmentAcceptance', reasons: [] },
  ConsignmentRejection: {
    etsi: 'ConsignmentRejection',
    reasons: [
      { code: 'DeclinedByRecipient', when: 'the recipient declined the message', test: always },
    ],
  },
  AcceptanceRejectionExpiry: {
    etsi: 'AcceptanceRejectionExpiry',
    reasons: [
      {
        code: 'RetrievalPeriodEnded',
        when: 'the retrieval period ended without an answer',
        test: always,
      },
    ],
  },
  ContentDeletion: {
    etsi: null,
    note: 'NTA 7516 §6.4.2 deletion',
    reasons: [
      {
        code: 'ContentDestroyed',
        when: 'the content and its data key were destroyed',
        test: always,
      },
    ],
  },
  SubmissionWithdrawal: {
    etsi: null,
    note: 'NTA 7516 §6.4.2 withdrawal',
    reasons: [{ code: 'WithdrawnBySender', when: 'the sender revoked the message', test: always }],
  },
  CeIdReissue: { etsi: null, note: 'a new CE-ID for a copy', reasons: [] },
  NotificationResend: {
    etsi: null,
    note: 'an admin asked for the notification again, with a new link',
    reasons: [{ code: 'ResentByAdmin', when: 'an admin resent the notification', test: always }],
  },
  CopyUnlock: { etsi: null, note: 'the right CE-ID was entered', reasons: [] },
  ReplySubmission: {
    etsi: null,
    note: "NTA 7516 §6.1.14 secure reply; the reply's SubmissionAcceptance in ETSI terms",
    reasons: [],
  },
  ReplyConsignment: {
    etsi: null,
    note: "the reply's ContentConsignment(Failure) in ETSI terms",
    reasons: [
      {
        code: 'ReplyHandedOver',
        when: "the reply reached the sender's mailbox",
        test: reasonHas(/handed to the sender/),
      },
      {
        code: 'ReplyUndeliverable',
        when: 'the reply could not be delivered to the sender',
        test: always,
      },
    ],
  },
  ConfigurationChange: {
    etsi: null,
    note: 'NTA 7516 §6.4.2 rights and configuration',
    reasons: [{ code: 'details.action', when: 'the action, e.g. `webhook.update`', test: always }],
  },
};

/** The ETSI name and URI of an event type (both null for Zegel's own events). */
export function etsiEventOf(type: string): { name: string | null; uri: string | null } {
  const name = (ETSI_EVENTS as Record<string, EtsiMapping | undefined>)[type]?.etsi ?? null;
  return { name, uri: name ? `${ETSI_EVENT_URI_PREFIX}${name}` : null };
}

/** The reason code of one event, from its signed type, reason and details; null when it has none. */
export function reasonCodeOf(e: ReasonSource & { type: string }): string | null {
  const mapping = (ETSI_EVENTS as Record<string, EtsiMapping | undefined>)[e.type];
  const rule = mapping?.reasons.find((r) => r.test(e));
  if (!rule) return null;
  if (e.type === 'ConfigurationChange') return String(e.details?.action ?? 'unknown');
  return rule.code;
}
