import { sign, type KeyObject } from 'node:crypto';

// The formats and checks live in the NestJS-free verifier; the server uses them from there.
export {
  GENESIS_HASH,
  eventHash,
  legacyCanonicalJson as canonicalJson,
  type ChainedFields,
} from './verifier/event-hash';
export { verifyChain, type ChainProblem } from './verifier/chain';

export function signHash(hash: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(hash, 'hex'), privateKey).toString('base64url');
}
