import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createExclusiveFileSync,
  ensureOwnerOnlyDir,
  fileExists,
  readSecretFile,
  replaceFileSync,
  writeNewFileSync,
} from './key-files.util';
import { KEY_LENGTH } from './vault-format.util';

export const KEK_ID = /^[0-9a-f]{16}$/;
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** `<keyDir>/current-kek`: the id of the KEK that wraps new data keys. */
export const POINTER_FILE = 'current-kek';

export const kekFile = (id: string) => `kek-${id}.key`;
export const secretFile = (name: string) => `secret-${name}.key`;
export const signingFile = (name: string) => `signing-${name}.pem`;
/** A signing key that rotation retired: kept so that what it signed can still be checked. */
export const retiredSigningFile = (name: string, keyId: string) => `signing-${name}.${keyId}.pem`;
/** Every public key that ever signed under a name, by RFC 7638 id (JWK; public, not secret). */
export const publishedKeysFile = (name: string) => `published-${name}.json`;
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

export function assertName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError('A key name is 1-63 characters: lowercase letters, digits and "-"');
  }
}

/**
 * A new KEK id: 8 hex digits of the time in seconds, then 8 random ones, so ids sort by age. Given
 * the id it must follow (`after`), the time part is at least one second later, so a rotation
 * within the same second still sorts last.
 */
export function newKekId(now = Date.now(), after?: string): string {
  let seconds = Math.floor(now / 1000);
  if (after) seconds = Math.max(seconds, parseInt(after.slice(0, 8), 16) + 1);
  return `${seconds.toString(16).padStart(8, '0')}${randomBytes(4).toString('hex')}`;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key (OKP or EC). */
export function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const members =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * The files of the key directory, and nothing about the data directory: KEKs, the pointer to the
 * current one, named secrets and Ed25519 signing keys. Every file is created once, race-free
 * (`createExclusiveFileSync`), and re-read, so processes that start at the same time on the same
 * key directory end up with the same keys. Files are never overwritten, except the pointer, which
 * a rotation replaces atomically.
 */
export class LocalKeyDirectory {
  constructor(readonly dir: string) {}

  ensureDir(): void {
    ensureOwnerOnlyDir(this.dir);
  }

  has(file: string): boolean {
    return fileExists(join(this.dir, file));
  }

  /** The current KEK id, or undefined when the key directory has no pointer yet. */
  readPointer(): string | undefined {
    const path = join(this.dir, POINTER_FILE);
    if (!fileExists(path)) return undefined;
    const id = readFileSync(path, 'utf8').trim();
    if (!KEK_ID.test(id)) throw new Error(`${path} does not name a KEK; restore it from backup`);
    return id;
  }

  /** When the pointer last changed (0 when there is none), to notice a rotation cheaply. */
  pointerChangedMs(): number {
    return statSync(join(this.dir, POINTER_FILE), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }

  /**
   * Makes `id` the current KEK when there is no pointer yet (an existing key directory from before
   * the pointer). Returns the pointer's id, which is another one if another process got there first.
   */
  adoptPointer(id: string): string {
    createExclusiveFileSync(join(this.dir, POINTER_FILE), `${id}\n`);
    return this.readPointer()!;
  }

  /**
   * The current KEK id, creating the first KEK when there is none. Several processes may do this at
   * once: each writes its own candidate KEK, one pointer wins, and the others delete their
   * candidate (never used) and take the winner's.
   */
  currentOrCreate(): string {
    const existing = this.readPointer();
    if (existing) return existing;
    const candidate = newKekId();
    writeNewFileSync(join(this.dir, kekFile(candidate)), randomBytes(KEY_LENGTH));
    if (createExclusiveFileSync(join(this.dir, POINTER_FILE), `${candidate}\n`)) return candidate;
    rmSync(join(this.dir, kekFile(candidate)), { force: true });
    return this.readPointer()!;
  }

  /** Creates a new KEK and points to it; older KEKs stay for unwrapping. */
  rotate(): string {
    const id = newKekId(Date.now(), this.readPointer());
    writeNewFileSync(join(this.dir, kekFile(id)), randomBytes(KEY_LENGTH));
    replaceFileSync(join(this.dir, POINTER_FILE), `${id}\n`);
    return id;
  }

  readKek(id: string): Buffer {
    const path = join(this.dir, kekFile(id));
    const kek = readSecretFile(path);
    if (kek.length !== KEY_LENGTH) {
      throw new Error(`${path} holds ${kek.length} bytes; a KEK is ${KEY_LENGTH} bytes`);
    }
    return kek;
  }

  /** A named secret; created (race-free) when `create` and absent, else undefined when absent. */
  secret(name: string, bytes: number, create: boolean): Buffer | undefined {
    assertName(name);
    const path = join(this.dir, secretFile(name));
    if (!fileExists(path)) {
      if (!create) return undefined;
      createExclusiveFileSync(path, randomBytes(bytes));
    }
    return readSecretFile(path);
  }

  /** A named Ed25519 private key (PKCS#8 PEM); created race-free as `secret` is. */
  signingKey(name: string, create: boolean): KeyObject | undefined {
    assertName(name);
    const path = join(this.dir, signingFile(name));
    if (!fileExists(path)) {
      if (!create) return undefined;
      const key = generateKeyPairSync('ed25519').privateKey;
      createExclusiveFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }));
    }
    const privateKey = createPrivateKey(readSecretFile(path));
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new Error(`${path} is not an Ed25519 private key`);
    }
    return privateKey;
  }

  /** The public keys published under `name`, by key id; empty when none were. */
  publishedKeys(name: string): Map<string, KeyObject> {
    assertName(name);
    const path = join(this.dir, publishedKeysFile(name));
    if (!fileExists(path)) return new Map();
    const listed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, JsonWebKey>;
    return new Map(
      Object.entries(listed).map(([kid, jwk]) => [
        kid,
        createPublicKey({ key: jwk, format: 'jwk' }),
      ]),
    );
  }

  /**
   * Adds a public key to those published under `name`. Re-reads and merges, so keys published by
   * other processes stay; a key is never removed, so what it signed stays checkable.
   */
  publishKey(name: string, keyId: string, publicKey: KeyObject): void {
    if (!KEY_ID.test(keyId)) throw new Error(`${keyId} is not an RFC 7638 key id`);
    const known = this.publishedKeys(name);
    if (known.has(keyId)) return;
    known.set(keyId, publicKey);
    const listed = Object.fromEntries(
      [...known].map(([kid, key]) => [kid, key.export({ format: 'jwk' })]),
    );
    replaceFileSync(
      join(this.dir, publishedKeysFile(name)),
      `${JSON.stringify(listed, null, 2)}\n`,
    );
  }

  /** Moves the current signing key aside (`signing-<name>.<keyId>.pem`) so a new one can be made. */
  retireSigningKey(name: string, keyId: string): void {
    assertName(name);
    if (!KEY_ID.test(keyId)) throw new Error(`${keyId} is not an RFC 7638 key id`);
    renameSync(join(this.dir, signingFile(name)), join(this.dir, retiredSigningFile(name, keyId)));
  }
}
