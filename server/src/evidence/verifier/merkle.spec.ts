import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  leafHash,
  MerkleTree,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const entry = (i: number) => createHash('sha256').update(`event ${i}`).digest();

/** RFC 9162 §2.1.1 MTH, straight from the definition. */
function mth(entries: Buffer[]): Buffer {
  if (entries.length === 0) return EMPTY_ROOT;
  if (entries.length === 1) return leafHash(entries[0]);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return nodeHash(mth(entries.slice(0, k)), mth(entries.slice(k)));
}

describe('Merkle tree (RFC 9162)', () => {
  const entries = Array.from({ length: 37 }, (_, i) => entry(i));
  const tree = new MerkleTree();
  entries.forEach((e) => tree.append(e));

  it('computes the root of every prefix as the definition does', () => {
    for (let n = 0; n <= entries.length; n++)
      expect(tree.root(n)).toEqual(mth(entries.slice(0, n)));
  });

  it('gives inclusion proofs that verify, and fail for another leaf or root', () => {
    for (let n = 1; n <= entries.length; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const path = tree.inclusionProof(i, n);
        expect(verifyInclusion(i, n, leafHash(entries[i]), path, root)).toBe(true);
        expect(verifyInclusion(i, n, leafHash(entries[(i + 1) % 37]), path, root)).toBe(false);
      }
      expect(verifyInclusion(n, n, leafHash(entries[0]), [], root)).toBe(false);
    }
  });

  it('gives consistency proofs that verify, and fail for a rewritten history', () => {
    const rewritten = new MerkleTree();
    entries.forEach((e, i) => rewritten.append(i === 3 ? entry(1000) : e));
    for (let n = 1; n <= entries.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n))).toBe(true);
        if (m > 3 && m < n)
          expect(verifyConsistency(m, n, proof, rewritten.root(m), tree.root(n))).toBe(false);
      }
    }
  });
});
