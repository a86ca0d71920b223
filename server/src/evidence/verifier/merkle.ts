import { createHash } from 'node:crypto';

/*
 * A Merkle tree over all evidence events in the style of RFC 9162 (Certificate Transparency v2),
 * §2.1. Written here rather than taken from a library because the verifier has to stay small and
 * dependency-free enough to publish on its own, and the algorithms are a page of the RFC.
 * Leaf entry = the 32 bytes of an event's hash.
 */

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 ‖ entry). */
export const leafHash = (entry: Buffer): Buffer => sha256(Buffer.from([0]), entry);
/** RFC 9162 §2.1.1: node hash = SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Buffer, right: Buffer): Buffer =>
  sha256(Buffer.from([1]), left, right);
/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = sha256();

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.3.2: does `path` prove the leaf at `index` is in the tree of `size` with `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  path: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size || index < 0) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        do {
          fn = half(fn);
          sn = half(sn);
        } while (!isOdd(fn) && fn !== 0);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of size `second` extends the one of size `first`? */
export function verifyConsistency(
  first: number,
  second: number,
  proof: Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  if (first > second || first < 0) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0; // everything extends the empty tree
  if (!proof.length) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        do {
          fn = half(fn);
          sn = half(sn);
        } while (!isOdd(fn) && fn !== 0);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/**
 * An append-only tree that keeps the hash of every complete subtree (they never change), 32 bytes
 * each in one growing buffer per level: a root or a proof then costs O(log² n) hashes.
 */
export class MerkleTree {
  private readonly levels: { data: Buffer; count: number }[] = [];

  get size(): number {
    return this.levels[0]?.count ?? 0;
  }

  /** Appends a leaf entry (an event hash) and returns its index. */
  append(entry: Buffer): number {
    const index = this.size;
    let hash = leafHash(entry);
    for (let level = 0; ; level++) {
      const count = this.push(level, hash);
      if (isOdd(count)) break;
      hash = nodeHash(this.at(level, count - 2), this.at(level, count - 1));
    }
    return index;
  }

  /** RFC 9162 §2.1.1 MTH over the first `size` leaves. */
  root(size = this.size): Buffer {
    if (size > this.size) throw new Error(`tree has ${this.size} leaves, not ${size}`);
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  /** The leaf hash at `index`. */
  leaf(index: number): Buffer {
    return this.at(0, index);
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[size]). */
  inclusionProof(index: number, size = this.size): Buffer[] {
    if (index < 0 || index >= size || size > this.size) throw new Error('index outside the tree');
    const path = (m: number, start: number, n: number): Buffer[] => {
      if (n === 1) return [];
      const k = split(n);
      return m < k
        ? [...path(m, start, k), this.subtree(start + k, n - k)]
        : [...path(m - k, start + k, n - k), this.subtree(start, k)];
    };
    return path(index, 0, size);
  }

  /** RFC 9162 §2.1.4.1 PROOF(first, D[second]). */
  consistencyProof(first: number, second = this.size): Buffer[] {
    if (first < 0 || first > second || second > this.size)
      throw new Error('sizes outside the tree');
    if (first === 0 || first === second) return [];
    const sub = (m: number, start: number, n: number, whole: boolean): Buffer[] => {
      if (m === n) return whole ? [] : [this.subtree(start, n)];
      const k = split(n);
      return m <= k
        ? [...sub(m, start, k, whole), this.subtree(start + k, n - k)]
        : [...sub(m - k, start + k, n - k, false), this.subtree(start, k)];
    };
    return sub(first, 0, second, true);
  }

  /** MTH(D[start:start+n]); complete aligned subtrees come from the stored levels. */
  private subtree(start: number, n: number): Buffer {
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const level = Math.log2(n);
      if (start / n < (this.levels[level]?.count ?? 0)) return this.at(level, start / n);
    }
    const k = split(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  private at(level: number, index: number): Buffer {
    const l = this.levels[level];
    if (!l || index >= l.count) throw new Error(`no node ${index} at level ${level}`);
    return Buffer.from(l.data.subarray(index * 32, index * 32 + 32));
  }

  private push(level: number, hash: Buffer): number {
    const l = (this.levels[level] ??= { data: Buffer.alloc(32 * 64), count: 0 });
    if ((l.count + 1) * 32 > l.data.length) {
      const bigger = Buffer.alloc(l.data.length * 2);
      l.data.copy(bigger);
      l.data = bigger;
    }
    hash.copy(l.data, l.count * 32);
    return ++l.count;
  }
}
