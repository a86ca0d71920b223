import type { KeyObject } from 'node:crypto';
import { chainOf, coveredFields, eventHash, GENESIS_HASH, type SignedEvent } from './event-hash';
import { verifySignature } from './signature';

export type ChainProblem =
  | { seq: number; problem: 'gap' }
  | { seq: number; problem: 'prev-hash' }
  | { seq: number; problem: 'hash' }
  | { seq: number; problem: 'signature' }
  | { seq: number; problem: 'unknown-key' };

/**
 * The keys a verifier trusts: one key, or several by RFC 7638 key id (after a signing-key rotation
 * old events carry the old key's id).
 */
export type PublicKeys = KeyObject | ReadonlyMap<string, KeyObject>;

/** The key that signed with `keyId`; with a single key, that key whatever the id says. */
export function keyFor(keys: PublicKeys, keyId: string | undefined): KeyObject | undefined {
  if (!(keys instanceof Map)) return keys as KeyObject;
  return keyId === undefined ? undefined : keys.get(keyId);
}

/** The event's own hash and signature, without its links. Null when both are right. */
export function checkEvent(
  event: SignedEvent & { keyId?: string },
  keys: PublicKeys,
): 'hash' | 'signature' | 'unknown-key' | null {
  const { hash, signature } = event;
  if (eventHash(coveredFields(event)) !== hash) return 'hash';
  const publicKey = keyFor(keys, event.keyId);
  if (!publicKey) return 'unknown-key';
  const ok = verifySignature(
    publicKey,
    Buffer.from(hash, 'hex'),
    Buffer.from(signature, 'base64url'),
  );
  return ok ? null : 'signature';
}

/**
 * Checks events in the order given (seq order): each event's hash and signature, and its link to
 * the event before it in its chain when that event is in the run too (or is the chain's start).
 * Format 1 events form one global chain by `seq`, starting from `previous`; format 2 events form
 * one chain per message by `chainSeq`. Returns the first problem, or null when the run is intact.
 * `seq` in a problem is the event's `seq`, or -1 when the event carries none.
 */
export function verifyChain(
  events: (SignedEvent & { seq?: number; keyId?: string })[],
  publicKey: PublicKeys,
  previous: string = GENESIS_HASH,
): ChainProblem | null {
  let legacyHash = previous;
  let legacySeq: number | null = null;
  const heads = new Map<string, { chainSeq: number; hash: string }>();
  for (const event of events) {
    const seq = event.seq ?? -1;
    if ((event.v ?? 1) === 1) {
      if (legacySeq === null) legacySeq = seq - 1;
      if (seq !== legacySeq + 1) return { seq, problem: 'gap' };
      if (event.prevHash !== legacyHash) return { seq, problem: 'prev-hash' };
      legacySeq = seq;
      legacyHash = event.hash;
    } else {
      const chain = chainOf(event);
      const head = heads.get(chain);
      const chainSeq = event.chainSeq ?? 0;
      if (head && chainSeq !== head.chainSeq + 1) return { seq, problem: 'gap' };
      if (head && event.prevHash !== head.hash) return { seq, problem: 'prev-hash' };
      if (!head && chainSeq === 1 && event.prevHash !== GENESIS_HASH)
        return { seq, problem: 'prev-hash' };
      heads.set(chain, { chainSeq, hash: event.hash });
    }
    const problem = checkEvent(event, publicKey);
    if (problem) return { seq, problem };
  }
  return null;
}
