import { createHash, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { LocalKeyDirectory, secretFile, signingFile } from './local-key-directory';
import { readMarker, writeMarker, type VaultMarker } from './vault-marker.util';
import { VaultKeyMissingError } from './vault.errors';

/** JWS names of the signature algorithms a key store signs with. */
export type SigningAlgorithm = 'EdDSA' | 'ES256';

/**
 * A signing key that may live outside the process (HSM, Key Vault): the evidence code signs bytes
 * through it and publishes its public key, never touching private key material.
 */
export interface EvidenceSigner {
  readonly algorithm: SigningAlgorithm;
  /** RFC 7638 JWK thumbprint of the public key. */
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /**
   * Signs `data`: Ed25519 over the bytes themselves; ES256 over their SHA-256, as a raw r ‖ s
   * signature of 64 bytes (IEEE P1363, as JWS uses).
   */
  sign(data: Buffer): Promise<Buffer>;
}

/** Verifies what an EvidenceSigner signed, for either algorithm, with only the public key. */
export { verifySignature } from '../evidence/verifier/signature';

/** The JWS algorithm that goes with a public key. */
export const algorithmOf = (publicKey: KeyObject): SigningAlgorithm =>
  publicKey.asymmetricKeyType === 'ec' ? 'ES256' : 'EdDSA';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/**
 * Where Zegel's keys live: key-encryption keys (KEKs) that wrap each message's data key, the
 * evidence signing key, and named secrets (the CE-ID pepper). Three implementations: key files
 * (LocalKeyStore, the default), an HSM over PKCS#11 (Pkcs11KeyStore) and Azure Key Vault
 * (AzureKeyVaultKeyStore); in the last two, KEKs and the signing key never leave the device.
 *
 * `<dataDir>/vault.json` lists what the data depends on; a listed key that is missing stops the
 * server, and a key is never created over data that needs another one. Named secrets are files in
 * the key directory whatever the store, because they are used in-process (an HMAC per CE-ID check).
 */
export abstract class KeyStore {
  private readonly secrets = new Map<string, Buffer>();

  protected constructor(
    readonly keyDir: string,
    readonly dataDir: string,
    protected marker: VaultMarker,
    protected readonly files: LocalKeyDirectory,
  ) {}

  /** `local`, `pkcs11` or `azure-key-vault`. */
  abstract readonly kind: string;

  get currentKekId(): string {
    return this.marker.currentKek;
  }

  /** Wraps a data key under the current KEK. */
  abstract wrapDataKey(dataKey: Buffer): Promise<string>;

  /** Unwraps a data key under whichever KEK wrapped it (older ones stay usable after rotation). */
  abstract unwrapDataKey(wrapped: string): Promise<Buffer>;

  /**
   * Synchronous forms of wrapDataKey/unwrapDataKey for callers that are not asynchronous yet. The
   * local and PKCS#11 stores answer them; Azure Key Vault, which needs a network round trip, throws.
   */
  abstract wrap(dataKey: Buffer): string;
  abstract unwrap(wrapped: string): Buffer;

  /** Makes a new KEK current for new data keys; older KEKs stay for unwrapping. Returns its id. */
  abstract rotateKek(): Promise<string>;

  /** The named signing key (e.g. `evidence`), created on first use where the store allows it. */
  abstract signer(name: string): Promise<EvidenceSigner>;

  /** Releases sessions and connections. */
  async close(): Promise<void> {}

  /**
   * Every public key that has signed under `name`, by key id: the current signer's and those of
   * keys retired by rotation (or replaced when the key store moved), published in the key
   * directory as `published-<name>.json`. Audits and bundles check old evidence with them.
   */
  async publishedKeys(name: string): Promise<Map<string, KeyObject>> {
    const current = await this.signer(name);
    this.files.publishKey(name, current.keyId, current.publicKey);
    return this.files.publishedKeys(name);
  }

  /**
   * Makes a new signing key current under `name` and returns its key id; the old public key stays
   * published. Only key files support it: in an HSM or Key Vault, create the new key there.
   */
  rotateSigner(name: string): Promise<string> {
    void name;
    return Promise.reject(
      new Error(
        `the ${this.kind} key store cannot rotate a signing key; create a new one in the device`,
      ),
    );
  }

  /** A named random secret (e.g. the HMAC pepper for CE-ID hashes), created on first use. */
  getOrCreateSecret(name: string, bytes = 32): Buffer {
    if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
      throw new RangeError('A secret is 16 to 1024 bytes');
    }
    let secret = this.secrets.get(name);
    if (!secret) {
      const listed = this.marker.secrets.includes(name);
      secret = this.files.secret(name, bytes, !listed);
      if (!secret) throw this.missingError([secretFile(name)]);
      if (!listed) this.updateMarker({ secrets: [name] });
      this.secrets.set(name, secret);
    }
    if (secret.length !== bytes) {
      throw new Error(
        `${join(this.keyDir, secretFile(name))} holds ${secret.length} bytes, but ${bytes} were asked for`,
      );
    }
    return Buffer.from(secret);
  }

  /** Secrets and local signing keys the marker lists must be there before anything else happens. */
  protected static checkListedFiles(
    files: LocalKeyDirectory,
    dataDir: string,
    marker: VaultMarker,
    extra: string[] = [],
  ): void {
    const listed = [
      ...extra,
      ...marker.secrets.map(secretFile),
      ...marker.signingKeys.filter((n) => !n.includes(':')).map(signingFile),
    ];
    const missing = listed.filter((file) => !files.has(file));
    if (missing.length) throw missingKeyError(files.dir, dataDir, missing);
  }

  protected missingError(files: string[]): VaultKeyMissingError {
    return missingKeyError(this.keyDir, this.dataDir, files);
  }

  /**
   * Records more keys in vault.json. Re-reads it first and merges, so two processes adding
   * different names at once both stay listed.
   */
  protected updateMarker(change: {
    currentKek?: string;
    keks?: string[];
    secrets?: string[];
    signingKeys?: string[];
  }): void {
    const base = readMarker(this.dataDir) ?? this.marker;
    const union = (a: string[], b: string[] = []) => [...new Set([...a, ...b])];
    const next: VaultMarker = {
      format: 1,
      currentKek: change.currentKek ?? this.marker.currentKek,
      keks: union(union(base.keks, this.marker.keks), change.keks),
      secrets: union(union(base.secrets, this.marker.secrets), change.secrets),
      signingKeys: union(union(base.signingKeys, this.marker.signingKeys), change.signingKeys),
    };
    if (!next.keks.includes(next.currentKek)) next.keks.push(next.currentKek);
    writeMarker(this.dataDir, next);
    this.marker = next;
  }

  /** Reads `<dataDir>/vault.json`, refusing a fresh start over existing encrypted data. */
  protected static markerOrRefuse(
    keyDir: string,
    dataDir: string,
    hasEncryptedData: boolean,
  ): VaultMarker | undefined {
    const marker = readMarker(dataDir);
    if (!marker && hasEncryptedData) {
      throw new VaultKeyMissingError(
        `The data directory ${dataDir} holds encrypted blobs but no vault.json, so it is unknown ` +
          `which keys in ${keyDir} they need. Restore ${join(dataDir, 'vault.json')} from backup; ` +
          'Zegel will not create a new key over existing encrypted data.',
      );
    }
    return marker;
  }
}

export function missingKeyError(
  keyDir: string,
  dataDir: string,
  files: string[],
): VaultKeyMissingError {
  const paths = files.map((file) => join(keyDir, file)).join(', ');
  const many = files.length > 1;
  return new VaultKeyMissingError(
    `Missing key file${many ? 's' : ''} ${paths}. The data directory ` +
      `${dataDir} (vault.json) depends on ${many ? 'them' : 'it'}, but the key ` +
      `directory ${keyDir} does not hold ${many ? 'them' : 'it'}. Restore the ` +
      'key directory from backup, or point ZEGEL_KEY_DIR at it; Zegel will not create a new key ' +
      'over existing encrypted data.',
  );
}
