import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { assertContext, assertDataKey, KEY_LENGTH, TAG_LENGTH } from './vault-format.util';
import { VaultIntegrityError } from './vault.errors';

/**
 * Small values for database columns (subject, file names, recipient-facing metadata), sealed under
 * the message's data key. Output is base64url of: version u8 (1) | IV 12 | ciphertext | tag 16.
 * The key is a subkey of the data key (domain separation from the blob format); the AAD binds the
 * version and the caller's context (e.g. `<messageId>/subject`), so a value moved to another
 * column or message does not open.
 */
const SEAL_VERSION = 1;
const IV_LENGTH = 12;
const MIN_SEALED_LENGTH = 1 + IV_LENGTH + TAG_LENGTH;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function sealKey(dek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), 'zegel-seal v1', KEY_LENGTH));
}

function sealAad(context: string): Buffer {
  return Buffer.concat([Buffer.from([SEAL_VERSION]), Buffer.from(`zegel-seal\0${context}`)]);
}

export function seal(dek: Buffer, plaintext: Buffer | string, context: string): string {
  assertDataKey(dek);
  assertContext(context);
  if (typeof plaintext !== 'string' && !Buffer.isBuffer(plaintext)) {
    throw new TypeError('seal() takes a Buffer or a string');
  }
  const key = sealKey(dek);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(sealAad(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  key.fill(0);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, body, cipher.getAuthTag()]).toString(
    'base64url',
  );
}

export function open(dek: Buffer, sealed: string, context: string): Buffer {
  assertDataKey(dek);
  assertContext(context);
  if (typeof sealed !== 'string' || !BASE64URL.test(sealed)) {
    throw new VaultIntegrityError('Sealed value is not base64url');
  }
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < MIN_SEALED_LENGTH) {
    throw new VaultIntegrityError('Sealed value is truncated');
  }
  if (bytes[0] !== SEAL_VERSION) {
    throw new VaultIntegrityError(`Unsupported sealed value version ${bytes[0]}`);
  }
  const key = sealKey(dek);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_LENGTH));
    decipher.setAAD(sealAad(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
    const plaintext = decipher.update(bytes.subarray(1 + IV_LENGTH, bytes.length - TAG_LENGTH));
    try {
      decipher.final();
    } catch {
      plaintext.fill(0);
      throw new VaultIntegrityError(
        'Sealed value failed authentication (altered, wrong key, or wrong context)',
      );
    }
    return plaintext;
  } finally {
    key.fill(0);
  }
}
