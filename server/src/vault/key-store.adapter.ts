import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOwnerOnlyDir, fileExists, readSecretFile, writeNewFileSync } from './key-files.util';
import { KEY_LENGTH } from './vault-format.util';
import { readMarker, writeMarker, type VaultMarker } from './vault-marker.util';
import { VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  keyId: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KEK_ID = /^[0-9a-f]{16}$/;
const KEK_FILE = /^kek-([0-9a-f]{16})\.key$/;
const WRAP_PREFIX = 'zk1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

const kekFile = (id: string) => `kek-${id}.key`;
const secretFile = (name: string) => `secret-${name}.key`;
const signingFile = (name: string) => `signing-${name}.pem`;

function assertName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError('A key name is 1-63 characters: lowercase letters, digits and "-"');
  }
}

/**
 * The one owner of Zegel's local secrets, in the key directory (0700, files 0600): key-encryption
 * keys (KEKs) that wrap each message's data key, named secrets (e.g. the CE-ID pepper) and Ed25519
 * signing keys. `<dataDir>/vault.json` lists what the data depends on; a listed key that is missing
 * stops the server, and a key is never created over data that needs another one.
 */
export class KeyStore {
  private readonly keks = new Map<string, Buffer>();
  private readonly secrets = new Map<string, Buffer>();
  private readonly signingKeys = new Map<string, SigningKey>();

  private constructor(
    readonly keyDir: string,
    readonly dataDir: string,
    private marker: VaultMarker,
  ) {}

  /**
   * Checks the key directory against `<dataDir>/vault.json` and loads every listed key. With no
   * marker yet, creates the first KEK, unless `hasEncryptedData` says data exists without a marker.
   */
  static open(keyDir: string, dataDir: string, hasEncryptedData = false): KeyStore {
    const marker = readMarker(dataDir);
    if (marker) {
      const store = new KeyStore(keyDir, dataDir, marker);
      store.checkListedFiles();
      ensureOwnerOnlyDir(keyDir);
      for (const id of marker.keks) store.keks.set(id, store.readKek(id));
      return store;
    }
    if (hasEncryptedData) {
      throw new VaultKeyMissingError(
        `The data directory ${dataDir} holds encrypted blobs but no vault.json, so it is unknown ` +
          `which keys in ${keyDir} they need. Restore ${join(dataDir, 'vault.json')} from backup; ` +
          'Zegel will not create a new key over existing encrypted data.',
      );
    }
    ensureOwnerOnlyDir(keyDir);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // KEKs already in the key directory are kept usable: wrapped keys in a restored database may
    // still need them.
    const adopted = readdirSync(keyDir).flatMap((file) => KEK_FILE.exec(file)?.[1] ?? []);
    const id = randomBytes(8).toString('hex');
    const kek = randomBytes(KEY_LENGTH);
    // Key first, then the marker: a crash in between leaves an unused key, never a marker without one.
    writeNewFileSync(join(keyDir, kekFile(id)), kek);
    const store = new KeyStore(keyDir, dataDir, {
      format: 1,
      currentKek: id,
      keks: [...adopted, id],
      secrets: [],
      signingKeys: [],
    });
    for (const old of adopted) store.keks.set(old, store.readKek(old));
    writeMarker(dataDir, store.marker);
    store.keks.set(id, kek);
    return store;
  }

  get currentKekId(): string {
    return this.marker.currentKek;
  }

  /** Wraps a data key under the current KEK: `zk1.<kekId>.<base64url(iv | ciphertext | tag)>`. */
  wrap(dataKey: Buffer): string {
    if (!Buffer.isBuffer(dataKey) || dataKey.length !== KEY_LENGTH) {
      throw new TypeError(`A data key must be a Buffer of ${KEY_LENGTH} bytes`);
    }
    const id = this.marker.currentKek;
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.keks.get(id)!, iv);
    cipher.setAAD(Buffer.from(`zegel-dek v1 ${id}`));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return `${WRAP_PREFIX}.${id}.${Buffer.concat([iv, body]).toString('base64url')}`;
  }

  unwrap(wrapped: string): Buffer {
    const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
    const [prefix, id, payload] = parts;
    if (parts.length !== 3 || prefix !== WRAP_PREFIX || !KEK_ID.test(id)) {
      throw new VaultIntegrityError('Not a wrapped Zegel data key');
    }
    const kek = this.keks.get(id);
    if (!kek) {
      throw new VaultKeyMissingError(
        `The data key is wrapped by KEK ${id}, which ${this.dataDir}/vault.json does not list ` +
          `and ${this.keyDir} does not hold`,
      );
    }
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length !== IV_LENGTH + KEY_LENGTH + TAG_LENGTH) {
      throw new VaultIntegrityError('Wrapped data key has the wrong length');
    }
    const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(0, IV_LENGTH));
    decipher.setAAD(Buffer.from(`zegel-dek v1 ${id}`));
    decipher.setAuthTag(bytes.subarray(IV_LENGTH + KEY_LENGTH));
    const key = decipher.update(bytes.subarray(IV_LENGTH, IV_LENGTH + KEY_LENGTH));
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

  /** Starts wrapping new data keys under a fresh KEK; older KEKs stay listed for unwrapping. */
  rotateKek(): string {
    const id = randomBytes(8).toString('hex');
    const kek = randomBytes(KEY_LENGTH);
    writeNewFileSync(join(this.keyDir, kekFile(id)), kek);
    this.updateMarker({ currentKek: id, keks: [...this.marker.keks, id] });
    this.keks.set(id, kek);
    return id;
  }

  /** A named random secret (e.g. the HMAC pepper for CE-ID hashes), created on first use. */
  getOrCreateSecret(name: string, bytes = 32): Buffer {
    assertName(name);
    if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
      throw new RangeError('A secret is 16 to 1024 bytes');
    }
    const cached = this.secrets.get(name);
    const path = join(this.keyDir, secretFile(name));
    let secret = cached;
    if (!secret) {
      if (fileExists(path)) secret = readSecretFile(path);
      else {
        this.refuseIfListed(this.marker.secrets, name, secretFile(name));
        secret = randomBytes(bytes);
        writeNewFileSync(path, secret);
      }
      if (!this.marker.secrets.includes(name)) {
        this.updateMarker({ secrets: [...this.marker.secrets, name] });
      }
      this.secrets.set(name, secret);
    }
    if (secret.length !== bytes) {
      throw new Error(`${path} holds ${secret.length} bytes, but ${bytes} were asked for`);
    }
    return Buffer.from(secret);
  }

  /** A named Ed25519 key pair (PKCS#8 PEM on disk), created on first use. */
  getOrCreateSigningKey(name: string): SigningKey {
    assertName(name);
    const cached = this.signingKeys.get(name);
    if (cached) return cached;
    const path = join(this.keyDir, signingFile(name));
    let privateKey: KeyObject;
    if (fileExists(path)) {
      privateKey = createPrivateKey(readSecretFile(path));
      if (privateKey.asymmetricKeyType !== 'ed25519') {
        throw new Error(`${path} is not an Ed25519 private key`);
      }
    } else {
      this.refuseIfListed(this.marker.signingKeys, name, signingFile(name));
      privateKey = generateKeyPairSync('ed25519').privateKey;
      writeNewFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    }
    if (!this.marker.signingKeys.includes(name)) {
      this.updateMarker({ signingKeys: [...this.marker.signingKeys, name] });
    }
    const publicKey = createPublicKey(privateKey);
    const jwk = publicKey.export({ format: 'jwk' });
    const keyId = createHash('sha256')
      .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
      .digest('base64url');
    const signingKey = { privateKey, publicKey, keyId };
    this.signingKeys.set(name, signingKey);
    return signingKey;
  }

  private readKek(id: string): Buffer {
    const path = join(this.keyDir, kekFile(id));
    const kek = readSecretFile(path);
    if (kek.length !== KEY_LENGTH) {
      throw new Error(`${path} holds ${kek.length} bytes; a KEK is ${KEY_LENGTH} bytes`);
    }
    return kek;
  }

  /** Every file the marker lists must exist before anything else happens. */
  private checkListedFiles(): void {
    const listed = [
      ...this.marker.keks.map(kekFile),
      ...this.marker.secrets.map(secretFile),
      ...this.marker.signingKeys.map(signingFile),
    ];
    const missing = listed.filter((file) => !fileExists(join(this.keyDir, file)));
    if (missing.length) throw this.missingError(missing);
  }

  private refuseIfListed(list: string[], name: string, file: string): void {
    if (list.includes(name)) throw this.missingError([file]);
  }

  private missingError(files: string[]): VaultKeyMissingError {
    const paths = files.map((file) => join(this.keyDir, file)).join(', ');
    return new VaultKeyMissingError(
      `Missing key file${files.length > 1 ? 's' : ''} ${paths}. The data directory ` +
        `${this.dataDir} (vault.json) depends on ${files.length > 1 ? 'them' : 'it'}, but the key ` +
        `directory ${this.keyDir} does not hold ${files.length > 1 ? 'them' : 'it'}. Restore the ` +
        'key directory from backup, or point ZEGEL_KEY_DIR at it; Zegel will not create a new key ' +
        'over existing encrypted data.',
    );
  }

  private updateMarker(change: Partial<VaultMarker>): void {
    const next = { ...this.marker, ...change };
    writeMarker(this.dataDir, next);
    this.marker = next;
  }
}
