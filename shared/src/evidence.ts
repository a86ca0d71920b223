/** Evidence event names after ETSI EN 319 522 (`http://uri.etsi.org/19522/Event/<Name>`). */
export const EVIDENCE_EVENT_TYPES = [
  'SubmissionAcceptance',
  'SubmissionRejection',
  'ConsignmentNotification',
  'ConsignmentNotificationFailure',
  'NotificationDelivered',
  'ContentConsignment',
  'ContentConsignmentFailure',
  'ContentHandover',
  'ContentHandoverFailure',
  'ContentAccessTracking',
  'ConsignmentAcceptance',
  'ConsignmentRejection',
  'AcceptanceRejectionExpiry',
  'ContentDeletion',
  'SubmissionWithdrawal',
  // Zegel's own events where ETSI EN 319 522 names none (docs/evidence.md maps them):
  'CeIdReissue',
  'CopyUnlock',
  // Secure reply (NTA 7516 §6.1.14): the recipient's answer stored, then handed to the sender.
  'ReplySubmission',
  'ReplyConsignment',
  // NTA 7516 §6.4.2: changes of configuration and rights, with actor, before and after.
  'ConfigurationChange',
] as const;

export type EvidenceEventType = (typeof EVIDENCE_EVENT_TYPES)[number];

export const ETSI_EVENT_URI_PREFIX = 'http://uri.etsi.org/19522/Event/';

/** One evidence record as the API and the SOC see it. */
export interface EvidenceEventView {
  /** Position in the global hash chain; also the cursor for `GET /api/v1/events?after=`. */
  seq: number;
  id: string;
  type: EvidenceEventType;
  /** ISO 8601, UTC. */
  time: string;
  /** The message the event concerns; null for a configuration change. */
  messageId: string | null;
  /** The recipient address the event concerns, if any. */
  recipient: string | null;
  /** Who caused it: `sender:<address>`, `recipient:<address>`, `admin:<address>`, `system`. */
  actor: string;
  ip: string | null;
  /** SHA-256 (hex) of the parts concerned, by part name (`body.html`, `attachment.0`, …). */
  digests: Record<string, string>;
  /** Plain-language reason or detail, never message content. */
  reason: string | null;
  /** Structured detail where the event has it (a configuration change: what, before, after). */
  details?: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** Ed25519 signature over `hash`, base64url. */
  signature: string;
}

export interface EventsPage {
  events: EvidenceEventView[];
  /** Pass as `after` to get the next page; null when there is nothing more now. */
  next: string | null;
}
