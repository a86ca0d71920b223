/**
 * What one failed delivery attempt means:
 * - `permanent`: the recipient's server refused for good (5xx): no retry, a DSN to the sender;
 * - `temporary`: 4xx, timeout, connection failure: retry with backoff within the lifetime;
 * - `unsafe`: the session could not meet the TLS requirements (no STARTTLS, old TLS, weak suite,
 *   certificate or DANE mismatch): the mail was not sent; retried, then the pickup route.
 */
export type FailureKind = 'permanent' | 'temporary' | 'unsafe';

export interface AttemptError {
  /** nodemailer's error code (ETLS, ECONNECTION, ETIMEDOUT, EENVELOPE, EMESSAGE, ESOCKET …) or an OpenSSL/Node code. */
  code?: string;
  /** The SMTP reply code, when the server answered. */
  responseCode?: number;
  /** The SMTP command the reply answered (MAIL FROM, RCPT TO, DATA, STARTTLS …). */
  command?: string;
  /** Set by the session check: the TLS session was up but did not meet the requirements. */
  unsafe?: boolean;
}

const TLS_CODES = /^(ETLS|ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_OSSL)/;

export function classifyFailure(error: AttemptError): FailureKind {
  if (error.unsafe) return 'unsafe';
  const reply = error.responseCode;
  // A refused STARTTLS is about TLS, whatever the reply code: the mail must not go in the clear.
  if (error.command === 'STARTTLS' || (error.code && TLS_CODES.test(error.code))) {
    return reply !== undefined && reply >= 400 && reply < 500 && error.command !== 'STARTTLS'
      ? 'temporary'
      : 'unsafe';
  }
  if (reply !== undefined && reply >= 500 && reply < 600) {
    // 5xx at the greeting or EHLO says nothing about this recipient: another MX may take it.
    return error.command && /^(CONN|EHLO|HELO|LHLO)/i.test(error.command)
      ? 'temporary'
      : 'permanent';
  }
  return 'temporary';
}

/** Of the outcomes at several MX hosts, the one that decides the attempt (in MX order). */
export function combineFailures(kinds: FailureKind[]): FailureKind {
  if (kinds.includes('permanent')) return 'permanent';
  if (kinds.includes('temporary')) return 'temporary';
  return kinds.length ? 'unsafe' : 'temporary';
}

/** Backoff for direct delivery: base, doubled per attempt, at most one hour, ±20 % jitter. */
export function deliveryRetryDelayMs(
  attempts: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const delay = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), Math.max(baseMs, 3_600_000));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** RFC 3463 status code for the DSN, from the reply when it carries one. */
export function enhancedStatus(kind: FailureKind, reply?: string): string {
  const match = reply?.match(/\b([245])\.(\d{1,3})\.(\d{1,3})\b/);
  if (match) return `${match[1]}.${match[2]}.${match[3]}`;
  if (kind === 'permanent') return '5.0.0';
  if (kind === 'unsafe') return '4.7.5';
  return '4.4.7';
}
