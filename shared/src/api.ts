import type { EvidenceEventView } from './evidence';

/** Where a recipient's copy is in its life. */
export type RecipientState =
  | 'pending' // stored, notification not yet sent
  | 'notified' // notification sent, waiting for the recipient
  | 'notification-failed'
  | 'handed-over' // unlocked with the CE-ID, content shown
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'locked' // too many wrong codes across all addresses
  | 'revoked' // withdrawn by the sender before anyone opened it
  | 'delivered' // direct route: accepted by the recipient's mail server over enforced TLS
  | 'delivery-failed'; // direct route: refused permanently or not deliverable within the lifetime

/** How the CE-ID reaches the recipient: never in the same mail as the link. */
export type CeIdChannel = 'sms' | 'sender';

export type Route = 'pickup' | 'direct';

export interface RecipientInput {
  address: string;
  /** E.164 phone number for the CE-ID by SMS. */
  phone?: string;
}

export interface SubmitMessageRequest {
  classification: string;
  subject: string;
  recipients: RecipientInput[];
  html?: string;
  text?: string;
  /**
   * Whether the recipient may answer through the pickup page (secure reply, NTA 7516 §6.1.14).
   * Default true.
   */
  allowReplies?: boolean;
  /**
   * Attachments that are images shown inside the HTML body: the body refers to each as
   * `cid:<contentId>` (as mail does, RFC 2392). The files themselves come as multipart attachments.
   */
  inlineImages?: InlineImageRef[];
}

export interface InlineImageRef {
  /** The attachment's position among the uploaded files, from 0. */
  attachment: number;
  /** The Content-ID without angle brackets, e.g. `logo@example.nl`. */
  contentId: string;
}

export interface AttachmentInfo {
  index: number;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

export interface BodyDigests {
  html?: string;
  text?: string;
}

export interface SubmittedRecipient {
  address: string;
  state: RecipientState;
  route: Route;
  ceIdChannel: CeIdChannel;
  /** Only when the channel is `sender`: the sender passes it on by another way. */
  ceId?: string;
}

export interface SubmitMessageResponse {
  id: string;
  createdAt: string;
  expiresAt: string;
  body: BodyDigests;
  attachments: AttachmentInfo[];
  recipients: SubmittedRecipient[];
}

export interface RecipientStatus {
  address: string;
  state: RecipientState;
  route: Route;
  ceIdChannel: CeIdChannel;
  updatedAt: string;
  /** The SMS provider's last delivery status of the CE-ID text, when one was sent. */
  smsStatus?: string;
}

/** POST /api/v1/messages/:id/recipients/:address/new-code */
export interface NewCodeRequest {
  /** Why; recorded in the evidence (required when an admin acts on someone else's message). */
  reason?: string;
}

export interface NewCodeResponse {
  address: string;
  ceIdChannel: CeIdChannel;
  /** Only when the channel is `sender` and the sender asked: pass it on by phone or in person. */
  ceId?: string;
}

/** POST /api/v1/admin/messages/:id/recipients/:address/unlock */
export interface UnlockCopyRequest {
  reason: string;
}

/** The recipient register: GET/PUT/DELETE /api/v1/admin/recipient-phones[/:address] */
export interface RecipientPhoneEntry {
  address: string;
  phone: string;
  updatedAt: string;
  updatedBy: string;
}

export interface MessageStatusResponse {
  id: string;
  sender: string;
  classification: string;
  createdAt: string;
  expiresAt: string;
  /** `deleted` once the content is gone (after retrieval, decline, revocation or expiry). */
  content: 'stored' | 'deleted';
  body: BodyDigests;
  attachments: Omit<AttachmentInfo, 'name'>[];
  recipients: RecipientStatus[];
  events: EvidenceEventView[];
}

export interface MessageSummary {
  id: string;
  /** The subject while the content exists (only its owner sees it); null once it is deleted. */
  subject: string | null;
  classification: string;
  createdAt: string;
  content: 'stored' | 'deleted';
  recipients: RecipientStatus[];
}

export interface PickupUnlockRequest {
  ceId: string;
}

export interface PickupMessageView {
  messageId: string;
  sender: string;
  subject: string;
  sentAt: string;
  expiresAt: string;
  /**
   * Sanitised: no scripts, no remote content, no forms; inline styles within an allow-list. Images
   * that are parts of the message carry `data-zegel-part="<index>"` (fetch them from
   * `inline/<index>`), remote images `data-zegel-remote="<url>"`; neither has a `src`. Shown in a
   * sandboxed frame.
   */
  html: string | null;
  /** How many remote images the HTML referred to; none is loaded unless the reader asks. */
  remoteImages: number;
  text: string | null;
  body: BodyDigests;
  attachments: AttachmentInfo[];
  state: RecipientState;
  /** Whether Accept and Decline are still open. */
  canRespond: boolean;
  /**
   * Until when the downloads stay if the recipient accepts now (ISO 8601): Accept shortens the
   * retrieval period to the grace period. Equal to `sentAt` or earlier when nothing is kept.
   */
  availableAfterAccept: string;
  /** Secure reply: whether the sender allows it and how much the recipient may still send. */
  reply: PickupReplyRules;
}

export interface PickupResponseResult {
  state: RecipientState;
}

/** Secure reply on the pickup page: limits the page checks before it uploads. */
export interface PickupReplyRules {
  /** The sender allows replies and the copy is open; false also once the reply limit is used up. */
  allowed: boolean;
  /** The sender lets recipients reply to this message (false: turned off per message). */
  senderAllows: boolean;
  /** Replies this copy may still send. */
  remaining: number;
  maxTextChars: number;
  maxAttachments: number;
  maxAttachmentBytes: number;
}

/**
 * POST /api/v1/pickup/<token>/reply, multipart/form-data: a field `message` with
 * `{"text": "…"}`, then up to `maxAttachments` files as `attachments`.
 */
export interface PickupReplyRequest {
  text: string;
}

/** The reply as stored: its digests are the evidence; it reaches the sender through the relay. */
export interface PickupReplyResult {
  id: string;
  receivedAt: string;
  textSha256: string;
  attachments: { name: string; size: number; sha256: string }[];
}

/** What kind of mail Zegel sent itself (the X-Zegel-Kind header). */
export type OutboxMailKind = 'notification' | 'receipt' | 'dsn' | 'other';

/** GET /api/v1/admin/outbox: one captured mail, newest first. */
export interface OutboxMailSummary {
  id: string;
  kind: OutboxMailKind;
  to: string[];
  subject: string;
  date: string;
  size: number;
}

/** GET /api/v1/admin/outbox/:id/view: one captured mail read for people. */
export interface OutboxMailView {
  id: string;
  /** Unfolded and decoded, in order. */
  headers: { name: string; value: string }[];
  /** The text part (or the HTML part as text). */
  text: string;
  /** Names of the attached files. */
  attachments: string[];
}

/** GET /api/v1/admin/sms-outbox: one captured text message, newest first. */
export interface SmsOutboxEntry {
  id: string;
  to: string;
  text: string;
  date: string;
}

/** GET /api/v1/m365/intake: whether the task pane may hand Zegel a saved draft to fetch through Microsoft Graph. */
export interface GraphIntakeSettings {
  enabled: boolean;
  /** From this many bytes of attachments on, the task pane uses Graph instead of Office.js. */
  minBytes: number;
}

/** One attachment as the task pane showed it; cloud attachments carry their sharing URL. */
export interface DraftAttachmentInfo {
  name: string;
  size: number;
  kind: 'file' | 'item' | 'cloud';
  url?: string;
}

/**
 * POST /api/v1/m365/intake: send registered the saved draft `itemId` (Graph REST id). Zegel fetches
 * it through Graph on the user's behalf and refuses it when it no longer matches what the task pane
 * showed.
 */
export interface GraphIntakeRequest {
  itemId: string;
  classification: string;
  recipients: RecipientInput[];
  attachments: DraftAttachmentInfo[];
}
