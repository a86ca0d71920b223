import type { PickupReplyRules } from '@zegel/shared';

/** How many replies one copy may send: enough for a conversation turn, too few to flood a mailbox. */
export const MAX_REPLIES_PER_COPY = 3;
/** The reply text, in characters (a long letter; a mail body, not a document). */
export const MAX_REPLY_TEXT_CHARS = 20_000;
/** At most this many files per reply, and never more than a submission may carry. */
export const MAX_REPLY_ATTACHMENTS = 5;

export interface ReplyFacts {
  /** The sender's choice for this message. */
  allowReplies: boolean;
  /** The copy is open to its recipient (handed over, or accepted inside the grace period). */
  open: boolean;
  /** Replies this copy sent already. */
  sent: number;
  maxAttachments: number;
  maxAttachmentBytes: number;
}

/** Whether this copy may reply, and within which limits. */
export function replyRules(f: ReplyFacts): PickupReplyRules {
  const remaining = Math.max(0, MAX_REPLIES_PER_COPY - f.sent);
  return {
    allowed: f.allowReplies && f.open && remaining > 0,
    senderAllows: f.allowReplies,
    remaining: f.allowReplies && f.open ? remaining : 0,
    maxTextChars: MAX_REPLY_TEXT_CHARS,
    maxAttachments: Math.min(MAX_REPLY_ATTACHMENTS, f.maxAttachments),
    maxAttachmentBytes: f.maxAttachmentBytes,
  };
}

/** The text as it is stored: line ends normalised, trailing space trimmed; null when unusable. */
export function replyText(value: unknown, maxChars = MAX_REPLY_TEXT_CHARS): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\r\n?/g, '\n').trimEnd();
  if (!text.trim() || [...text].length > maxChars) return null;
  // No NUL or other C0 controls but tab and line feed: a mail body must survive every relay.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return null;
  return text;
}
