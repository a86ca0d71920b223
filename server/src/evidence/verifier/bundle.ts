import { keyFor, verifyChain, type PublicKeys } from './chain';
import type { SignedEvent } from './event-hash';
import { leafHash, verifyInclusion } from './merkle';
import { treeHeadBytes, verifyTreeHeadSignature, type SignedTreeHead } from './tree-head';
import { verifyTimestampToken } from './timestamp';

export const BUNDLE_FORMAT = 'zegel-evidence-bundle';

/** One message's evidence, as exported by `GET /api/v1/messages/:id/evidence`. */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  version: 1;
  messageId: string;
  exportedAt: string;
  /** The public keys that signed events and tree heads, as JWK with their RFC 7638 ids. */
  keys: { kid: string; alg: string; jwk: Record<string, unknown> }[];
  events: (SignedEvent & {
    seq: number;
    keyId?: string;
    leafIndex?: number | null;
    /** The ETSI EN 319 522-2 event URI, null for Zegel's own events (not signed: from the table). */
    etsiEvent?: string | null;
    /** The reason code, derived from the signed type, reason and details by the published table. */
    reasonCode?: string | null;
  })[];
  /** The newest signed (and, with a TSA, timestamped) tree head when the bundle was made. */
  treeHead: SignedTreeHead | null;
  /** Per event in the tree head: its RFC 9162 inclusion proof (hex hashes). */
  inclusion: { eventId: string; leafIndex: number; path: string[] }[];
  /** SHA-256 (hex) of every part of the message, by part name, as the signed events state them. */
  digests: Record<string, string>;
}

export type Verdict = 'valid' | 'incomplete' | 'invalid';

export interface BundleReport {
  verdict: Verdict;
  /** What was checked and found, one line each, in order. */
  lines: string[];
}

export interface VerifyOptions {
  /** PEM CA certificates the TSA certificate must chain to; without them it is reported, not checked. */
  tsaCaPem?: string[];
}

/**
 * Verifies a bundle with nothing but the bundle and a public key the verifier trusts (pinned): the
 * events' hashes, signatures and chain, the tree head's signature, each event's inclusion in that
 * tree head, and the tree head's RFC 3161 timestamp.
 */
export async function verifyBundle(
  bundle: EvidenceBundle,
  publicKey: PublicKeys,
  options: VerifyOptions = {},
): Promise<BundleReport> {
  const lines: string[] = [];
  const invalid = (line: string): BundleReport => ({
    verdict: 'invalid',
    lines: [...lines, `✗ ${line}`],
  });
  if (bundle?.format !== BUNDLE_FORMAT || bundle.version !== 1 || !Array.isArray(bundle.events))
    return invalid(`not a ${BUNDLE_FORMAT} version 1`);
  lines.push(`Evidence for message ${bundle.messageId}, exported ${bundle.exportedAt}`);
  let incomplete = false;

  const events = [...bundle.events].sort((a, b) => a.seq - b.seq);
  for (const event of events) {
    if (event.messageId !== bundle.messageId)
      return invalid(`event ${event.id} is about another message`);
  }
  const problem = verifyChain(events, publicKey);
  if (problem) {
    const event = events.find((e) => e.seq === problem.seq);
    return invalid(
      `event ${event?.id ?? problem.seq} (${event?.type}): ${explain(problem.problem)}`,
    );
  }
  const chained = events.filter((e) => (e.v ?? 1) === 2);
  if (chained.length && chained[0].chainSeq !== 1)
    return invalid(`the first events of the message's chain are missing`);
  lines.push(`✓ ${events.length} events: hashes, signatures (pinned key) and chain intact`);

  for (const [part, digest] of Object.entries(bundle.digests ?? {})) {
    if (!events.some((e) => e.digests?.[part] === digest))
      return invalid(`the digest of ${part} is not the one the signed events state`);
  }
  if (Object.keys(bundle.digests ?? {}).length)
    lines.push(`✓ ${Object.keys(bundle.digests).length} part digests match the signed events`);

  const head = bundle.treeHead;
  if (!head) {
    lines.push('… no signed tree head yet: inclusion and time are not proven');
    return { verdict: 'incomplete', lines };
  }
  const headKey = keyFor(publicKey, head.keyId);
  if (!headKey || !verifyTreeHeadSignature(head, headKey))
    return invalid(`the tree head of size ${head.treeSize} is not signed by the pinned key`);
  const root = Buffer.from(head.rootHash, 'hex');
  let included = 0;
  for (const event of events) {
    const proof = bundle.inclusion?.find((p) => p.eventId === event.id);
    if (!proof) {
      incomplete = true;
      continue;
    }
    const ok = verifyInclusion(
      proof.leafIndex,
      head.treeSize,
      leafHash(Buffer.from(event.hash, 'hex')),
      proof.path.map((h) => Buffer.from(h, 'hex')),
      root,
    );
    if (!ok) return invalid(`event ${event.id} is not in the tree head (inclusion proof fails)`);
    included++;
  }
  lines.push(
    `✓ tree head ${head.treeSize} of ${head.time} signed by the pinned key; ${included} of ${events.length} events proven in it`,
  );
  if (included < events.length)
    lines.push(
      `… ${events.length - included} events came after this tree head; export again later to prove them`,
    );

  if (!head.timestampToken) {
    incomplete = true;
    lines.push('… the tree head has no RFC 3161 timestamp');
  } else {
    const check = await verifyTimestampToken(
      Buffer.from(head.timestampToken, 'base64'),
      treeHeadBytes(head),
      options.tsaCaPem,
    );
    if (!check.ok) return invalid(`timestamp: ${check.problem}`);
    lines.push(
      `✓ timestamp ${check.time?.toISOString()} by ${check.tsa}` +
        (check.trusted
          ? ' (chains to the given CA)'
          : ' (TSA certificate not checked: pass --tsa-ca)'),
    );
  }
  return { verdict: incomplete ? 'incomplete' : 'valid', lines };
}

export function explain(problem: string): string {
  return (
    {
      hash: 'its content does not match its hash (changed after it was recorded)',
      signature: 'its signature does not verify with the key',
      'prev-hash': 'it does not link to the event before it in its chain',
      gap: 'an event before it in its chain is missing',
      'unknown-key': 'it is signed by a key that is not pinned',
    }[problem] ?? problem
  );
}
