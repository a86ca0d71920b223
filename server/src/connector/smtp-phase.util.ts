import { CLASSIFICATION_HEADER } from '@zegel/shared';
import type { ZegelError } from '../common/zegel-error';
import { ACCEPT, reject, tempfail, type SmtpVerdict } from './smtp-verdict';

/** What is known about the client when it gives MAIL FROM or RCPT TO. */
export interface ClientFacts {
  ip: string;
  secure: boolean;
  ipAllowed: boolean;
  /** A verified client certificate names an accepted subject. */
  certificateAccepted: boolean;
  /** SMTP AUTH succeeded as this user. */
  user?: string;
}

/** Zegel is never an open relay: one of the configured ways of proving who the client is must hold. */
export const mayRelay = (c: ClientFacts): boolean =>
  c.ipAllowed || c.certificateAccepted || c.user !== undefined;

export function mailFromPhase(client: ClientFacts, requireTls: boolean): SmtpVerdict {
  if (requireTls && !client.secure)
    return reject(530, '5.7.0 Must issue a STARTTLS command first', 'no TLS');
  if (!mayRelay(client))
    return reject(
      550,
      '5.7.1 Relaying denied: this client is not allowed to send through Zegel',
      `not allowed: ip ${client.ip}, no accepted certificate, not authenticated`,
    );
  return ACCEPT;
}

const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function rcptToPhase(
  client: ClientFacts,
  address: string,
  accepted: number,
  maxRecipients: number,
): SmtpVerdict {
  const from = mailFromPhase(client, false);
  if (from.kind !== 'accept') return from;
  if (accepted >= maxRecipients)
    return tempfail(452, `4.5.3 Too many recipients (at most ${maxRecipients} per message)`);
  if (address.length > 254 || !ADDRESS.test(address))
    return reject(553, '5.1.3 Recipient address is not valid', `bad address ${address}`);
  return ACCEPT;
}

/** Thrown inside DATA when the message turns out to be Zegel's own mail coming back. */
export class LoopError extends Error {
  constructor() {
    super('loop');
  }
}

/** Thrown inside DATA when the message is larger than the advertised SIZE. */
export class SizeExceededError extends Error {
  constructor(readonly limit: number) {
    super('size');
  }
}

/**
 * Thrown inside DATA when the MIME parser cannot read the message (e.g. a part header over 1 MiB,
 * more than 1000 MIME parts). Sending it again gives the same result, so it is refused for good.
 */
export class MalformedMessageError extends Error {
  constructor(readonly detail: string) {
    super(`malformed message: ${detail}`);
  }
}

/** The reply to DATA when receiving the message failed: permanent for the message's own faults. */
export function dataFailure(error: unknown): SmtpVerdict {
  if (error instanceof MalformedMessageError)
    return reject(554, `5.6.0 The message cannot be parsed: ${error.detail}`, error.message);
  if (error instanceof SizeExceededError)
    return reject(552, `5.3.4 Message too big (at most ${error.limit} bytes)`, 'oversize');
  if (error instanceof LoopError)
    return reject(
      554,
      '5.4.6 Routing loop detected: this mail was sent by Zegel itself',
      'loop-prevention header present',
    );
  const zegel = asZegelError(error);
  if (zegel) {
    const detail = zegel.details?.map((d) => `${d.path} ${d.message}`).join('; ');
    const text = detail ? `${zegel.message} (${detail})` : zegel.message;
    switch (zegel.code) {
      case 'PAYLOAD_TOO_LARGE':
      case 'TOO_MANY_PARTS':
        return reject(552, `5.3.4 ${text}`);
      case 'VALIDATION_FAILED':
        return reject(554, `5.6.0 ${text}`);
      case 'CLASSIFICATION_NOT_HANDLED':
        return reject(550, `5.7.1 ${text}`);
      case 'SERVICE_UNAVAILABLE':
      case 'RATE_LIMITED':
        return tempfail(451, `4.3.0 ${text}`);
      default:
        return tempfail(451, '4.3.0 Temporary failure, please try again later', text);
    }
  }
  // Anything unexpected is our fault: the sender keeps the mail and tries again.
  return tempfail(
    451,
    '4.3.0 Temporary failure, please try again later',
    error instanceof Error ? error.message : String(error),
  );
}

const asZegelError = (error: unknown): ZegelError | undefined =>
  error instanceof Error && error.name === 'ZegelError' ? (error as ZegelError) : undefined;

export type ClassificationSource = 'header' | 'rule' | 'default';

/**
 * The label of a mail that carries the header more than once: the strictest known one, so that a
 * second, weaker header never downgrades what Exchange routed as protected. Unknown values count
 * only when nothing known is there (and are then refused).
 */
export function strictestLabel(
  values: string[] | undefined,
  known: readonly { id: string }[],
): string | undefined {
  const labels = (values ?? []).map((v) => v.trim().toLowerCase()).filter(Boolean);
  const rank = (v: string) => known.findIndex((c) => c.id === v);
  const ranked = labels.filter((v) => rank(v) >= 0).sort((a, b) => rank(b) - rank(a));
  return ranked[0] ?? labels[0];
}

export type ClassificationDecision =
  | { kind: 'classified'; classification: string; source: ClassificationSource; protected: boolean }
  | { kind: 'refused'; verdict: SmtpVerdict };

/**
 * The classification of a mail that came in over SMTP: the header wins, then the first matching
 * mail-flow rule, then the configured default for unlabelled mail ("refuse" refuses it).
 */
export function decideClassification(input: {
  header: string | undefined;
  rule: string | undefined;
  unclassified: string;
  known: readonly { id: string; protected: boolean }[];
}): ClassificationDecision {
  const header = input.header?.trim().toLowerCase();
  const [value, source]: [string | undefined, ClassificationSource] = header
    ? [header, 'header']
    : input.rule
      ? [input.rule, 'rule']
      : [input.unclassified === 'refuse' ? undefined : input.unclassified, 'default'];
  if (value === undefined)
    return {
      kind: 'refused',
      verdict: reject(
        550,
        `5.7.1 The mail has no ${CLASSIFICATION_HEADER} header and no mail-flow rule classifies it`,
        'unclassified',
      ),
    };
  const known = input.known.find((c) => c.id === value);
  if (!known)
    return {
      kind: 'refused',
      verdict: reject(
        550,
        `5.7.1 Unknown classification "${value.slice(0, 64)}"`,
        `unknown ${source}`,
      ),
    };
  return { kind: 'classified', classification: known.id, source, protected: known.protected };
}
