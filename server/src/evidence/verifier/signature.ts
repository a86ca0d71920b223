import { verify, type KeyObject } from 'node:crypto';

/**
 * Verifies what Zegel's evidence signer signed, with only the public key: Ed25519 over the bytes
 * themselves, or ES256 (HSM, Key Vault) over their SHA-256 as a raw r ‖ s signature (IEEE P1363).
 */
export function verifySignature(publicKey: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    if (publicKey.asymmetricKeyType === 'ec') {
      return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    }
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
