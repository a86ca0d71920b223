import { createHash, sign, type KeyObject } from 'node:crypto';
import { verifySignature } from '../vault/key-store';

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that the hash and signature cover (everything but the hash itself). */
export interface ChainedFields {
  seq: number;
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

/** JSON with sorted keys at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the canonical event, which already names the previous hash: a chain. */
export function eventHash(fields: ChainedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export function signHash(hash: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64url');
}

export type ChainProblem =
  | { seq: number; problem: 'gap' }
  | { seq: number; problem: 'prev-hash' }
  | { seq: number; problem: 'hash' }
  | { seq: number; problem: 'signature' };

/**
 * Checks a run of consecutive events: each names the hash of the one before, its own hash is right,
 * and its signature verifies. Returns the first problem, or null when the run is intact.
 * `previous` is the hash before the first event (GENESIS_HASH when the run starts at seq 1).
 */
export function verifyChain(
  events: (ChainedFields & { hash: string; signature: string })[],
  publicKey: KeyObject,
  previous: string = GENESIS_HASH,
): ChainProblem | null {
  let prevHash = previous;
  let prevSeq = events.length ? events[0].seq - 1 : 0;
  for (const event of events) {
    if (event.seq !== prevSeq + 1) return { seq: event.seq, problem: 'gap' };
    if (event.prevHash !== prevHash) return { seq: event.seq, problem: 'prev-hash' };
    const { hash, signature, ...fields } = event;
    if (eventHash(fields) !== hash) return { seq: event.seq, problem: 'hash' };
    if (
      !verifySignature(publicKey, Buffer.from(hash, 'hex'), Buffer.from(signature, 'base64url'))
    ) {
      return { seq: event.seq, problem: 'signature' };
    }
    prevHash = hash;
    prevSeq = event.seq;
  }
  return null;
}
