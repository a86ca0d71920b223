import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { type EvidenceSigner, KeyStore } from './key-store';
import {
  jwkThumbprint,
  KEK_ID,
  kekFile,
  LocalKeyDirectory,
  signingFile,
} from './local-key-directory';
import { KEY_LENGTH } from './vault-format.util';
import { writeMarker } from './vault-marker.util';
import { VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

export { KeyStore } from './key-store';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  keyId: string;
}

const WRAP_PREFIX = 'zk1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
/** How often a running instance looks whether `keys rotate` moved the pointer. */
const POINTER_CHECK_MS = 30_000;

/** AES-256-GCM wrap of a data key under a KEK: `zk1.<kekId>.<base64url(iv | ciphertext | tag)>`. */
export function parseWrapped(wrapped: string): {
  id: string;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
} {
  const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
  const [prefix, id, payload] = parts;
  if (parts.length !== 3 || prefix !== WRAP_PREFIX || !KEK_ID.test(id)) {
    throw new VaultIntegrityError('Not a wrapped Zegel data key');
  }
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== IV_LENGTH + KEY_LENGTH + TAG_LENGTH) {
    throw new VaultIntegrityError('Wrapped data key has the wrong length');
  }
  return {
    id,
    iv: bytes.subarray(0, IV_LENGTH),
    body: bytes.subarray(IV_LENGTH, IV_LENGTH + KEY_LENGTH),
    tag: bytes.subarray(IV_LENGTH + KEY_LENGTH),
  };
}

export const formatWrapped = (id: string, iv: Buffer, body: Buffer, tag: Buffer) =>
  `${WRAP_PREFIX}.${id}.${Buffer.concat([iv, body, tag]).toString('base64url')}`;

/** The AAD that binds a wrapped data key to the KEK id it names. */
export const wrapAad = (id: string) => Buffer.from(`zegel-dek v1 ${id}`);

export function assertDataKeyBuffer(dataKey: unknown): asserts dataKey is Buffer {
  if (!Buffer.isBuffer(dataKey) || dataKey.length !== KEY_LENGTH) {
    throw new TypeError(`A data key must be a Buffer of ${KEY_LENGTH} bytes`);
  }
}

/**
 * Keys as files in the key directory (0700, files 0600), the embedded default: KEKs, the pointer to
 * the current KEK, named secrets and Ed25519 signing keys (see docs/vault-format.md §4).
 */
export class LocalKeyStore extends KeyStore {
  readonly kind = 'local';
  private readonly keks = new Map<string, Buffer>();
  private readonly signingKeys = new Map<string, SigningKey>();
  private pointerSeenMs = 0;
  private pointerCheckedAt = 0;

  /**
   * Checks the key directory against `<dataDir>/vault.json` and loads every listed key. With no
   * marker yet, takes the key directory's current KEK (creating the first one, race-free), unless
   * `hasEncryptedData` says data exists without a marker. With `createKeys` false (a blob store
   * that several instances share), the key directory must already hold keys (`zegel keys init`).
   */
  static open(
    keyDir: string,
    dataDir: string,
    hasEncryptedData = false,
    createKeys = true,
  ): LocalKeyStore {
    const files = new LocalKeyDirectory(keyDir);
    const marker = KeyStore.markerOrRefuse(keyDir, dataDir, hasEncryptedData);
    if (!marker && !createKeys && !files.readPointer()) {
      throw new VaultKeyMissingError(
        `The key directory ${keyDir} holds no keys, and the blob store is shared with other ` +
          'instances, so Zegel will not create keys by itself: run `npx zegel keys init` once and ' +
          'give every instance the same key directory (docs/deployment.md).',
      );
    }
    if (marker) KeyStore.checkListedFiles(files, dataDir, marker, marker.keks.map(kekFile));
    files.ensureDir();
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // A key directory from before the pointer file adopts the marker's current KEK.
    const current = marker
      ? (files.readPointer() ?? files.adoptPointer(marker.currentKek))
      : files.currentOrCreate();
    const store = new LocalKeyStore(
      keyDir,
      dataDir,
      marker ?? { format: 1, currentKek: current, keks: [current], secrets: [], signingKeys: [] },
      files,
    );
    for (const id of store.marker.keks) store.keks.set(id, files.readKek(id));
    if (!marker) writeMarker(dataDir, store.marker);
    store.usePointer(current);
    return store;
  }

  /** Wraps a data key under the current KEK. */
  wrap(dataKey: Buffer): string {
    assertDataKeyBuffer(dataKey);
    this.followPointer();
    const id = this.marker.currentKek;
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.keks.get(id)!, iv);
    cipher.setAAD(wrapAad(id));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return formatWrapped(id, iv, body, cipher.getAuthTag());
  }

  unwrap(wrapped: string): Buffer {
    const { id, iv, body, tag } = parseWrapped(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', this.kek(id), iv);
    decipher.setAAD(wrapAad(id));
    decipher.setAuthTag(tag);
    const key = decipher.update(body);
    try {
      decipher.final();
    } catch {
      key.fill(0);
      throw new VaultIntegrityError(
        'Wrapped data key failed authentication (altered or wrong KEK)',
      );
    }
    return key;
  }

  wrapDataKey(dataKey: Buffer): Promise<string> {
    return Promise.resolve().then(() => this.wrap(dataKey));
  }

  unwrapDataKey(wrapped: string): Promise<Buffer> {
    return Promise.resolve().then(() => this.unwrap(wrapped));
  }

  /** Starts wrapping new data keys under a fresh KEK; older KEKs stay listed for unwrapping. */
  rotateKek(): Promise<string> {
    const id = this.files.rotate();
    this.usePointer(id);
    return Promise.resolve(id);
  }

  /** A named Ed25519 key pair (PKCS#8 PEM on disk), created on first use. */
  getOrCreateSigningKey(name: string): SigningKey {
    const cached = this.signingKeys.get(name);
    if (cached) return cached;
    const listed = this.marker.signingKeys.includes(name);
    const privateKey = this.files.signingKey(name, !listed);
    if (!privateKey) throw this.missingError([signingFile(name)]);
    if (!listed) this.updateMarker({ signingKeys: [name] });
    const publicKey = createPublicKey(privateKey);
    const signingKey = { privateKey, publicKey, keyId: jwkThumbprint(publicKey) };
    this.signingKeys.set(name, signingKey);
    return signingKey;
  }

  /** Publishes the current key, moves it aside and makes a new one; a running server keeps the
   * key it loaded until it restarts (both keys verify, so nothing breaks meanwhile). */
  override async rotateSigner(name: string): Promise<string> {
    const old = this.getOrCreateSigningKey(name);
    this.files.publishKey(name, old.keyId, old.publicKey);
    this.files.retireSigningKey(name, old.keyId);
    this.signingKeys.delete(name);
    // Created here explicitly: the marker lists the name, so getOrCreateSigningKey would refuse.
    this.files.signingKey(name, true);
    const next = this.getOrCreateSigningKey(name);
    this.files.publishKey(name, next.keyId, next.publicKey);
    return Promise.resolve(next.keyId);
  }

  signer(name: string): Promise<EvidenceSigner> {
    const key = this.getOrCreateSigningKey(name);
    return Promise.resolve({
      algorithm: 'EdDSA',
      keyId: key.keyId,
      publicKey: key.publicKey,
      sign: (data: Buffer) => Promise.resolve(sign(null, data, key.privateKey)),
    });
  }

  /** A KEK by id: loaded, or read from the key directory (a rotation by another process). */
  private kek(id: string): Buffer {
    const loaded = this.keks.get(id);
    if (loaded) return loaded;
    if (!this.files.has(kekFile(id))) {
      throw new VaultKeyMissingError(
        `The data key is wrapped by KEK ${id}, which ${join(this.dataDir, 'vault.json')} does ` +
          `not list and ${this.keyDir} does not hold`,
      );
    }
    const kek = this.files.readKek(id);
    this.keks.set(id, kek);
    this.updateMarker({ keks: [id] });
    return kek;
  }

  /** Another process may have rotated: at most every 30 s, look whether the pointer moved. */
  private followPointer(now = Date.now()): void {
    if (now - this.pointerCheckedAt < POINTER_CHECK_MS) return;
    this.pointerCheckedAt = now;
    if (this.files.pointerChangedMs() === this.pointerSeenMs) return;
    const id = this.files.readPointer();
    if (id) this.usePointer(id);
  }

  private usePointer(id: string): void {
    this.pointerSeenMs = this.files.pointerChangedMs();
    this.pointerCheckedAt = Date.now();
    this.kek(id);
    if (this.marker.currentKek !== id) this.updateMarker({ currentKek: id, keks: [id] });
  }
}
