import { createHmac, hkdfSync } from 'node:crypto';
import { VaultIntegrityError } from './vault.errors';

/**
 * The chunked blob format, version 1 (docs/vault-format.md):
 *
 *   header (48 bytes) = magic "ZGLV" | version u8 | algorithm u8 | reserved u16 (0)
 *                     | chunk size u32 BE | salt 16 | nonce prefix 8 | key id 12
 *   then chunks       = ciphertext (chunk size bytes, the final one 0..chunk size) | GCM tag 16
 *
 * Each blob gets its own chunk key, HKDF-SHA256(data key, salt, "zegel-vault v1 chunk key"), so
 * parts of one message never share a (key, nonce) pair. Nonce = prefix | chunk index u32 BE.
 * AAD = header | context length u32 BE | context | chunk index u32 BE | final flag u8.
 */
export const MAGIC = Buffer.from('ZGLV', 'ascii');
export const FORMAT_VERSION = 1;
export const ALGORITHM_AES_256_GCM = 1;
export const HEADER_LENGTH = 48;
export const TAG_LENGTH = 16;
export const KEY_LENGTH = 32;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
export const MAX_CONTEXT_BYTES = 1024;
const SALT_LENGTH = 16;
const NONCE_PREFIX_LENGTH = 8;
const KEY_ID_LENGTH = 12;
const MAX_CHUNKS = 2 ** 32;

export interface BlobHeader {
  version: number;
  algorithm: number;
  chunkSize: number;
  salt: Buffer;
  noncePrefix: Buffer;
  keyId: Buffer;
  /** The exact header bytes, authenticated as part of every chunk's AAD. */
  raw: Buffer;
}

/** Programmer errors (not tampering): a data key must be exactly 32 bytes. */
export function assertDataKey(key: unknown): asserts key is Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_LENGTH) {
    throw new TypeError(`A data key must be a Buffer of ${KEY_LENGTH} bytes`);
  }
}

/** The context (e.g. `<messageId>/<partName>`) binds a blob to its place; it must be given. */
export function assertContext(context: unknown): asserts context is string {
  if (typeof context !== 'string' || context.length === 0) {
    throw new TypeError(
      'A vault context must be a non-empty string, e.g. "<messageId>/<partName>"',
    );
  }
  if (Buffer.byteLength(context, 'utf8') > MAX_CONTEXT_BYTES) {
    throw new TypeError(`A vault context may be at most ${MAX_CONTEXT_BYTES} bytes`);
  }
}

/** A public fingerprint of a data key: tells "wrong key" apart from "altered data" early. */
export function dataKeyId(key: Buffer): Buffer {
  return createHmac('sha256', key)
    .update('zegel-vault v1 key id')
    .digest()
    .subarray(0, KEY_ID_LENGTH);
}

export function deriveChunkKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, 'zegel-vault v1 chunk key', KEY_LENGTH));
}

export function encodeHeader(fields: {
  chunkSize: number;
  salt: Buffer;
  noncePrefix: Buffer;
  keyId: Buffer;
}): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt8(ALGORITHM_AES_256_GCM, 5);
  header.writeUInt16BE(0, 6);
  header.writeUInt32BE(fields.chunkSize, 8);
  fields.salt.copy(header, 12);
  fields.noncePrefix.copy(header, 12 + SALT_LENGTH);
  fields.keyId.copy(header, 12 + SALT_LENGTH + NONCE_PREFIX_LENGTH);
  return header;
}

export function newHeaderFields(
  key: Buffer,
  chunkSize: number,
  random: (n: number) => Buffer,
): Parameters<typeof encodeHeader>[0] {
  assertChunkSize(chunkSize);
  return {
    chunkSize,
    salt: random(SALT_LENGTH),
    noncePrefix: random(NONCE_PREFIX_LENGTH),
    keyId: dataKeyId(key),
  };
}

export function assertChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(
      `Chunk size must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`,
    );
  }
}

/** Parses and checks a header; anything unexpected is an integrity error, never a guess. */
export function decodeHeader(raw: Buffer): BlobHeader {
  if (raw.length < HEADER_LENGTH) {
    throw new VaultIntegrityError('Vault blob is truncated: the header is incomplete');
  }
  if (!raw.subarray(0, 4).equals(MAGIC)) {
    throw new VaultIntegrityError('Not a Zegel vault blob (bad magic)');
  }
  const version = raw.readUInt8(4);
  if (version !== FORMAT_VERSION) {
    throw new VaultIntegrityError(`Unsupported vault blob version ${version}`);
  }
  const algorithm = raw.readUInt8(5);
  if (algorithm !== ALGORITHM_AES_256_GCM) {
    throw new VaultIntegrityError(`Unsupported vault blob algorithm ${algorithm}`);
  }
  if (raw.readUInt16BE(6) !== 0) {
    throw new VaultIntegrityError('Vault blob header has unknown flags set');
  }
  const chunkSize = raw.readUInt32BE(8);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new VaultIntegrityError(`Vault blob header has an invalid chunk size ${chunkSize}`);
  }
  const copy = Buffer.from(raw.subarray(0, HEADER_LENGTH));
  return {
    version,
    algorithm,
    chunkSize,
    salt: copy.subarray(12, 12 + SALT_LENGTH),
    noncePrefix: copy.subarray(12 + SALT_LENGTH, 12 + SALT_LENGTH + NONCE_PREFIX_LENGTH),
    keyId: copy.subarray(12 + SALT_LENGTH + NONCE_PREFIX_LENGTH, HEADER_LENGTH),
    raw: copy,
  };
}

export function chunkNonce(noncePrefix: Buffer, index: number): Buffer {
  if (index >= MAX_CHUNKS) throw new RangeError('Vault blob has too many chunks');
  const nonce = Buffer.alloc(NONCE_PREFIX_LENGTH + 4);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_LENGTH);
  return nonce;
}

/** The constant part of every chunk's AAD: the header and the caller's context. */
export function aadPrefix(headerRaw: Buffer, context: string): Buffer {
  const contextBytes = Buffer.from(context, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(contextBytes.length);
  return Buffer.concat([headerRaw, length, contextBytes]);
}

export function chunkAad(prefix: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(prefix.length + 5);
  prefix.copy(aad, 0);
  aad.writeUInt32BE(index, prefix.length);
  aad.writeUInt8(final ? 1 : 0, prefix.length + 4);
  return aad;
}
