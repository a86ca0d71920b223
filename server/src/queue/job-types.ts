import type { EvidenceEventType } from '@zegel/shared';

/** Every job Zegel queues, with its payload. Secrets inside payloads are sealed with the message key. */
export interface JobPayloads {
  /** Send a recipient the notification mail (and the CE-ID by SMS when that is the channel). */
  'notify-recipient': {
    messageId: string;
    recipientId: string;
    sealedSecrets: string;
    /** Why the copy goes through the portal (route reason and SmartTLS findings), for the mail. */
    why?: { code: string; details?: { code: string; host?: string }[] };
  };
  /** An admin sends a recipient the notification again, with a new link (sealed `{ token }`). */
  'resend-notification': { messageId: string; recipientId: string; sealedSecrets: string };
  /** Send the sender a receipt for an evidence event. */
  'send-receipt': {
    messageId: string;
    recipientId: string;
    eventId: string;
    eventType: EvidenceEventType;
  };
  /** Deliver a confidential message straight to the recipient's MX, held to the SmartTLS verdict. */
  'deliver-direct': { messageId: string; recipientId: string };
  /** Tell the sender that a message could not be delivered (RFC 3464 DSN). */
  'send-dsn': {
    messageId: string;
    recipientId: string;
    status: string;
    diagnostic: string;
    remoteMta?: string;
  };
  /**
   * The sender passes the CE-IDs on: mail the sender each recipient's code (mail from the SMTP
   * connector, a fallback from the direct route, a new code). `sealedCodes` is
   * `SenderCode[]` as JSON, sealed with the message key.
   */
  'send-codes-to-sender': { messageId: string; sealedCodes: string; reason: SenderCodeReason };
  /** A new CE-ID by SMS for one recipient (sealed with the message key). */
  'send-code-sms': { messageId: string; recipientId: string; sealedCeId: string };
  /** The recipient reported the code lost on the pickup page: ask the sender for a new one. */
  'send-lost-code-notice': { messageId: string; recipientId: string };
  /** Post one evidence event to one webhook endpoint (the row in webhook_deliveries). */
  'deliver-webhook': { deliveryId: string };
  /** Hand a recipient's secure reply to the sender's mailbox through the relay, once. */
  'deliver-reply': { replyId: string };
}

export type JobType = keyof JobPayloads;

/** Why the sender gets codes by mail. */
export type SenderCodeReason = 'connector' | 'fallback' | 'new-code';

/** One recipient's code inside a sealed `send-codes-to-sender` payload. */
export interface SenderCode {
  recipientId: string;
  ceId: string;
}

/** A failure that retrying cannot mend (a 5xx from the relay, a missing message). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/**
 * A failure that says when to try again, e.g. HTTP 429 or 503 with Retry-After: the queue waits
 * that long before the next attempt instead of its own backoff. The attempt still counts.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Backoff before attempt n+1: 5 s, 10 s, 20 s … capped at one hour, with ±20 % jitter. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
