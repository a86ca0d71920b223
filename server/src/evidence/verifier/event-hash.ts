import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Format versions of a signed evidence event:
 * 1 — one global chain, hashed over Zegel's own sorted-key JSON (events recorded before the
 *     transparency log); `seq` is covered and links the chain.
 * 2 — one chain per message (or `configuration`), hashed over RFC 8785 (JCS) bytes; `chainSeq`
 *     is the position in that chain, `seq` (the database's cursor) is not covered.
 */
export type EventFormat = 1 | 2;
export const CURRENT_EVENT_FORMAT: EventFormat = 2;

/** The fields of an event that its hash and signature cover (everything but hash and signature). */
export interface ChainedFields {
  /** Format version; absent means 1. */
  v?: EventFormat;
  /** Format 1: the position in the global chain. Not covered by format 2. */
  seq?: number;
  /** Format 2: the position in the message's chain, from 1. */
  chainSeq?: number;
  id: string;
  type: string;
  time: string;
  /** Null for events about no message (a configuration change). */
  messageId: string | null;
  recipient: string | null;
  actor: string;
  ip: string | null;
  digests: Record<string, string>;
  reason: string | null;
  /** Structured detail (before and after of a configuration change); absent on message events. */
  details?: Record<string, unknown>;
  prevHash: string;
}

/** A stored or exported event: its covered fields, its hash and its signature. */
export type SignedEvent = ChainedFields & { hash: string; signature: string };

/** Format 2 chains: one per message, one for everything about no message. */
export const chainOf = (e: { messageId: string | null }): string => e.messageId ?? 'configuration';

/**
 * Format 1 canonical form: JSON with sorted keys at every level. Kept only so that events recorded
 * before format 2 still verify; it is not a standard, which is why format 2 uses RFC 8785.
 */
export function legacyCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(legacyCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonicalJson(v)}`).join(',')}}`;
}

/** RFC 8785 (JSON Canonicalization Scheme) bytes of a value. */
export function jcs(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no canonical JSON form');
  return Buffer.from(text, 'utf8');
}

/** The exact bytes an event's hash is taken over, for its format. */
export function eventHashInput(fields: ChainedFields): Buffer {
  if ((fields.v ?? 1) === 1) {
    const { v: _v, chainSeq: _c, ...legacy } = fields;
    return Buffer.from(legacyCanonicalJson(legacy), 'utf8');
  }
  const { seq: _seq, ...covered } = fields;
  return jcs(covered);
}

/** SHA-256 (hex) over the canonical event, which already names the previous hash: a chain. */
export function eventHash(fields: ChainedFields): string {
  return createHash('sha256').update(eventHashInput(fields)).digest('hex');
}

/** Only the covered fields of an exported or stored event (drops hash, signature, keyId, …). */
export function coveredFields(event: SignedEvent): ChainedFields {
  const fields: ChainedFields = {
    id: event.id,
    type: event.type,
    time: event.time,
    messageId: event.messageId,
    recipient: event.recipient,
    actor: event.actor,
    ip: event.ip,
    digests: event.digests,
    reason: event.reason,
    ...(event.details ? { details: event.details } : {}),
    prevHash: event.prevHash,
  };
  if ((event.v ?? 1) === 1) return { ...fields, seq: event.seq };
  return { v: event.v, chainSeq: event.chainSeq, ...fields };
}
