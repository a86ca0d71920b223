import { generateKeyPairSync } from 'node:crypto';
import {
  canonicalJson,
  ChainedFields,
  eventHash,
  GENESIS_HASH,
  signHash,
  verifyChain,
} from './evidence-chain';
import canonicalize from 'canonicalize';
import { eventHashInput, type SignedEvent } from './verifier/event-hash';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function chain(n: number) {
  const events: (ChainedFields & { hash: string; signature: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      seq,
      id: `id-${seq}`,
      type: 'SubmissionAcceptance',
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      messageId: 'm1',
      recipient: seq % 2 ? 'a@example.nl' : null,
      actor: 'sender:s@example.nl',
      ip: null,
      digests: { 'attachment.0': 'ab'.repeat(32) },
      reason: null,
      prevHash,
    };
    const hash = eventHash(fields);
    events.push({ ...fields, hash, signature: signHash(hash, privateKey) });
    prevHash = hash;
  }
  return events;
}

describe('evidence chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5), publicKey)).toBeNull();
  });

  it('finds a changed field', () => {
    const events = chain(5);
    events[2].digests = { 'attachment.0': 'cd'.repeat(32) };
    expect(verifyChain(events, publicKey)).toEqual({ seq: 3, problem: 'hash' });
  });

  it('finds a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events, publicKey)).toEqual({ seq: 3, problem: 'gap' });
  });

  it('finds a recomputed hash that no longer links', () => {
    const events = chain(4);
    const forged = { ...events[1], reason: 'forged' };
    forged.hash = eventHash({ ...forged, hash: undefined, signature: undefined } as never);
    forged.signature = signHash(forged.hash, privateKey);
    events[1] = forged;
    expect(verifyChain(events, publicKey)).toEqual({ seq: 3, problem: 'prev-hash' });
  });

  it('finds a signature by another key', () => {
    const other = generateKeyPairSync('ed25519');
    const events = chain(3);
    events[2].signature = signHash(events[2].hash, other.privateKey);
    expect(verifyChain(events, publicKey)).toEqual({ seq: 3, problem: 'signature' });
  });

  it('verifies a later page against the hash before it', () => {
    const events = chain(6);
    expect(verifyChain(events.slice(3), publicKey, events[2].hash)).toBeNull();
    expect(verifyChain(events.slice(3), publicKey, GENESIS_HASH)).toEqual({
      seq: 4,
      problem: 'prev-hash',
    });
  });
});

describe('evidence format 2 (RFC 8785, one chain per message)', () => {
  function messageChain(messageId: string, n: number): SignedEvent[] {
    const events: SignedEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (let chainSeq = 1; chainSeq <= n; chainSeq++) {
      const fields: ChainedFields = {
        v: 2,
        chainSeq,
        id: `${messageId}-${chainSeq}`,
        type: 'ContentAccessTracking',
        time: new Date(Date.UTC(2026, 0, 1, 0, 0, chainSeq)).toISOString(),
        messageId,
        recipient: 'ä@example.nl',
        actor: 'system',
        ip: null,
        digests: {},
        reason: 'ünïcode € and 1e21',
        prevHash,
      };
      const hash = eventHash(fields);
      events.push({ ...fields, hash, signature: signHash(hash, privateKey) });
      prevHash = hash;
    }
    return events;
  }

  it('hashes the RFC 8785 bytes, which do not cover the database seq', () => {
    const [event] = messageChain('m', 1);
    const { hash: _h, signature: _s, ...fields } = event;
    expect(eventHashInput(fields).toString()).toBe(canonicalize(fields));
    expect(eventHash({ ...fields, seq: 99 })).toBe(event.hash);
    expect(eventHash({ ...fields, chainSeq: 2 })).not.toBe(event.hash);
  });

  it('verifies interleaved chains of two messages, and a legacy chain beside them', () => {
    const a = messageChain('a', 3);
    const b = messageChain('b', 2);
    const legacy = chain(2);
    const log = [legacy[0], a[0], b[0], a[1], legacy[1], b[1], a[2]];
    expect(verifyChain(log, publicKey)).toBeNull();
  });

  it('finds a removed event and a changed field inside one message chain', () => {
    const a = messageChain('a', 4);
    expect(verifyChain([a[0], a[2], a[3]], publicKey)).toMatchObject({ problem: 'gap' });
    a[1].reason = 'changed';
    expect(verifyChain(a, publicKey)).toMatchObject({ problem: 'hash' });
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const a = messageChain('a', 1);
    expect(verifyChain([{ ...a[0], prevHash: 'ab'.repeat(32) }], publicKey)).toMatchObject({
      problem: 'prev-hash',
    });
  });
});
