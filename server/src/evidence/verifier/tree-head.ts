import { createHash, type KeyObject } from 'node:crypto';
import { jcs } from './event-hash';
import { verifySignature } from './signature';

/** A signed tree head: what a Merkle root over the first `treeSize` events was, and when. */
export interface TreeHead {
  v: 2;
  treeSize: number;
  /** Hex SHA-256 Merkle root (RFC 9162 §2.1.1). */
  rootHash: string;
  /** ISO 8601, UTC. */
  time: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Signature over treeHeadBytes(), base64url (Ed25519, or ES256 as raw r ‖ s). */
  signature: string;
  keyId: string;
  /** RFC 3161 TimeStampToken (DER, base64) whose message imprint is SHA-256(treeHeadBytes()). */
  timestampToken?: string | null;
}

/** The bytes that are signed and timestamped: RFC 8785 of exactly { v, treeSize, rootHash, time }. */
export function treeHeadBytes(head: TreeHead): Buffer {
  return jcs({ v: head.v, treeSize: head.treeSize, rootHash: head.rootHash, time: head.time });
}

export const treeHeadDigest = (head: TreeHead): Buffer =>
  createHash('sha256').update(treeHeadBytes(head)).digest();

export function verifyTreeHeadSignature(head: SignedTreeHead, publicKey: KeyObject): boolean {
  return verifySignature(publicKey, treeHeadBytes(head), Buffer.from(head.signature, 'base64url'));
}
