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
  'NotificationResend',
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
  /**
   * Format version (docs/evidence.md): absent or 1 = one global chain, covered `seq`; 2 = one chain
   * per message, RFC 8785 canonical form, covered `chainSeq`.
   */
  v?: 1 | 2;
  /** Order in the log, assigned by the database; the cursor for `GET /api/v1/events?after=`. */
  seq: number;
  /** Format 2: position in the message's chain (or the configuration chain), from 1. */
  chainSeq?: number;
  /** Position in the log's Merkle tree; null until a signed tree head takes the event in. */
  leafIndex?: number | null;
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
  /** The hash of the event before this one in its chain (all zeros for the first). */
  prevHash: string;
  hash: string;
  /** Signature over the 32 bytes of `hash`, base64url (Ed25519, or ES256 as raw r ‖ s). */
  signature: string;
  /** Thumbprint (RFC 7638) of the key that signed it. */
  keyId?: string;
}

export interface EventsPage {
  events: EvidenceEventView[];
  /** Pass as `after` to get the next page; null when there is nothing more now. */
  next: string | null;
}
