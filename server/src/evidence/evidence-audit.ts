import type { KeyObject } from 'node:crypto';
import type { EvidenceEventEntity } from './evidence-event.entity';
import type { EvidenceRepository } from './evidence.repository';
import { toView } from './evidence.service';
import { toSignedTreeHead } from './evidence-log.service';
import { explain } from './verifier/bundle';
import { checkEvent } from './verifier/chain';
import { chainOf, GENESIS_HASH } from './verifier/event-hash';
import { MerkleTree, verifyConsistency } from './verifier/merkle';
import { treeHeadBytes, verifyTreeHeadSignature } from './verifier/tree-head';
import { verifyTimestampToken } from './verifier/timestamp';

const PAGE = 5000;

export interface AuditResult {
  ok: boolean;
  events: number;
  treeHeads: number;
  /** The first break, naming the event or tree head; absent when the log is intact. */
  problem?: string;
  /** Id of the event the first break is in, when it is in an event. */
  eventId?: string;
}

type Reader = Pick<EvidenceRepository, 'legacyPage' | 'leavesPage' | 'withoutLeaf' | 'treeHeads'>;

const name = (row: EvidenceEventEntity) =>
  `event ${row.id} (seq ${row.seq}${row.leafIndex == null ? '' : `, leaf ${row.leafIndex}`}, ${row.type})`;

/**
 * Walks the whole log: every event's hash and signature, every chain link (the format 1 global
 * chain and each format 2 chain), every leaf, every tree head's root, signature and timestamp,
 * and the consistency of each tree head with the one before. Stops at the first break.
 */
export async function auditEvidenceLog(
  events: Reader,
  publicKeys: Map<string, KeyObject>,
): Promise<AuditResult> {
  let count = 0;
  let heads = 0;
  const fail = (problem: string, row?: EvidenceEventEntity): AuditResult => ({
    ok: false,
    events: count,
    treeHeads: heads,
    problem,
    eventId: row?.id,
  });
  const check = (row: EvidenceEventEntity): string | null => {
    const key = publicKeys.get(row.keyId);
    if (!key) return `signed by an unknown key ${row.keyId}`;
    const problem = checkEvent(toView(row), key);
    return problem && explain(problem);
  };

  // The format 1 global chain, in seq order.
  let legacyHash = GENESIS_HASH;
  let legacySeq: number | null = null;
  for (let after = 0; ;) {
    const rows = await events.legacyPage(after, PAGE);
    for (const row of rows) {
      if (legacySeq !== null && row.seq !== legacySeq + 1)
        return fail(`${name(row)}: ${explain('gap')}`, row);
      if (row.prevHash !== legacyHash) return fail(`${name(row)}: ${explain('prev-hash')}`, row);
      legacySeq = row.seq;
      legacyHash = row.hash;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].seq;
  }

  // Every event in leaf order, then those no tree head has taken in yet.
  const tree = new MerkleTree();
  const chains = new Map<string, { chainSeq: number; hash: string }>();
  const visit = (row: EvidenceEventEntity): AuditResult | null => {
    const problem = check(row);
    if (problem) return fail(`${name(row)}: ${problem}`, row);
    if (row.format !== 1) {
      const chain = chainOf(row);
      const head = chains.get(chain) ?? { chainSeq: 0, hash: GENESIS_HASH };
      if (row.chainSeq !== head.chainSeq + 1) return fail(`${name(row)}: ${explain('gap')}`, row);
      if (row.prevHash !== head.hash) return fail(`${name(row)}: ${explain('prev-hash')}`, row);
      chains.set(chain, { chainSeq: row.chainSeq, hash: row.hash });
    }
    count++;
    return null;
  };
  for (let after = -1; ;) {
    const rows = await events.leavesPage(after, PAGE);
    for (const row of rows) {
      if (row.leafIndex !== tree.size) return fail(`leaf ${tree.size} is missing from the log`);
      const broken = visit(row);
      if (broken) return broken;
      tree.append(Buffer.from(row.hash, 'hex'));
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].leafIndex!;
  }
  for (let after = 0; ;) {
    const rows = await events.withoutLeaf(after, PAGE);
    for (const row of rows) {
      const broken = visit(row);
      if (broken) return broken;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].seq;
  }

  // Every tree head: root over the stored leaves, signature, timestamp, consistency.
  let previous: { size: number; root: Buffer } = { size: 0, root: tree.root(0) };
  for (let after = 0; ;) {
    const rows = await events.treeHeads(after, PAGE);
    for (const row of rows) {
      const head = toSignedTreeHead(row);
      const label = `tree head ${head.treeSize} of ${head.time}`;
      if (head.treeSize > tree.size)
        return fail(`${label}: covers ${head.treeSize} events, the log holds ${tree.size}`);
      const root = tree.root(head.treeSize);
      if (root.toString('hex') !== head.rootHash)
        return fail(`${label}: its root does not match the stored events`);
      const key = publicKeys.get(head.keyId);
      if (!key || !verifyTreeHeadSignature(head, key))
        return fail(`${label}: its signature does not verify`);
      const proof = tree.consistencyProof(previous.size, head.treeSize);
      if (!verifyConsistency(previous.size, head.treeSize, proof, previous.root, root))
        return fail(`${label}: not consistent with tree head ${previous.size}`);
      if (head.timestampToken) {
        const ts = await verifyTimestampToken(
          Buffer.from(head.timestampToken, 'base64'),
          treeHeadBytes(head),
        );
        if (!ts.ok) return fail(`${label}: timestamp: ${ts.problem}`);
      }
      previous = { size: head.treeSize, root };
      heads++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].treeSize;
  }
  return { ok: true, events: count, treeHeads: heads };
}
