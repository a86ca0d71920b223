import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
import {
  CryptographyClient,
  KeyClient,
  type KeyClientOptions,
  type KeyVaultKey,
} from '@azure/keyvault-keys';
import { type EvidenceSigner, KeyStore, sha256 } from './key-store';
import { assertDataKeyBuffer } from './key-store.adapter';
import { assertName, jwkThumbprint, LocalKeyDirectory } from './local-key-directory';
import { KEY_LENGTH } from './vault-format.util';
import { type VaultMarker, writeMarker } from './vault-marker.util';
import { VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

export interface AzureKeyVaultSettings {
  /** `https://<vault>.vault.azure.net` */
  url: string;
  /** RSA key whose versions are the KEKs. */
  kekName: string;
  /** EC P-256 key that signs evidence. */
  signingKeyName: string;
  credential: TokenCredential;
  /** Extra CA certificates (PEM) to trust, e.g. a TLS-inspecting proxy's (ZEGEL_CA_FILE). */
  caFile?: string;
  /** The HTTPS agent to use instead (tests: a fake vault on loopback under a test name). */
  agent?: Agent;
}

const WRAP_PREFIX = 'zkv1';
const WRAP_ALGORITHM = 'RSA-OAEP-256';
/** A Key Vault key version: 32 hex digits. */
const VERSION = /^[0-9a-f]{32}$/;

/** `zkv1.<key version>.<base64url(RSA-OAEP-256 ciphertext)>` */
function parseWrapped(wrapped: string): { version: string; ciphertext: Buffer } {
  const parts = typeof wrapped === 'string' ? wrapped.split('.') : [];
  const [prefix, version, payload] = parts;
  if (parts.length !== 3 || prefix !== WRAP_PREFIX || !VERSION.test(version) || !payload) {
    throw new VaultIntegrityError('Not a data key wrapped by Azure Key Vault');
  }
  return { version, ciphertext: Buffer.from(payload, 'base64url') };
}

const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

/** The public key of a Key Vault key, from its JWK. */
function publicKeyOf(key: KeyVaultKey): KeyObject {
  const { kty, crv, x, y } = key.key ?? {};
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) {
    throw new Error(`Key Vault key ${key.name} is not an EC P-256 key`);
  }
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(x).toString('base64url'),
      y: Buffer.from(y).toString('base64url'),
    },
    format: 'jwk',
  });
}

/**
 * Keys in Azure Key Vault (or Managed HSM). Each version of one RSA key is a KEK: a data key is
 * wrapped and unwrapped by the vault (`wrapKey`/`unwrapKey`, RSA-OAEP-256), so the KEK's private
 * half never leaves it; rotation adds a version, and old versions keep unwrapping. Evidence is
 * signed by an EC P-256 key in the vault (`sign`, ES256). Every operation is a round trip, so only
 * the asynchronous wrapDataKey/unwrapDataKey work; wrap/unwrap throw.
 *
 * Tested against a fake of the documented REST contract (test/support/key-vault-fake.ts), not
 * against Azure itself: docs/deployment.md says what that covers.
 */
export class AzureKeyVaultKeyStore extends KeyStore {
  readonly kind = 'azure-key-vault';
  private readonly cryptoClients = new Map<string, CryptographyClient>();
  private readonly signers = new Map<string, EvidenceSigner>();

  private constructor(
    keyDir: string,
    dataDir: string,
    marker: VaultMarker,
    files: LocalKeyDirectory,
    private readonly settings: AzureKeyVaultSettings,
    private readonly client: KeyClient,
    private readonly options: KeyClientOptions,
  ) {
    super(keyDir, dataDir, marker, files);
  }

  /** Client options; the challenge's resource is always checked against the vault's name. */
  static clientOptions(
    settings: Pick<AzureKeyVaultSettings, 'caFile' | 'agent'>,
  ): KeyClientOptions {
    const agent =
      settings.agent ??
      (settings.caFile
        ? new Agent({ ca: [...rootCertificates, readFileSync(settings.caFile, 'utf8')] })
        : undefined);
    return agent ? { agent } : {};
  }

  static async open(
    settings: AzureKeyVaultSettings,
    keyDir: string,
    dataDir: string,
    hasEncryptedData = false,
  ): Promise<AzureKeyVaultKeyStore> {
    const files = new LocalKeyDirectory(keyDir);
    const marker = KeyStore.markerOrRefuse(keyDir, dataDir, hasEncryptedData);
    if (marker) KeyStore.checkListedFiles(files, dataDir, marker);
    const options = AzureKeyVaultKeyStore.clientOptions(settings);
    const client = new KeyClient(settings.url, settings.credential, options);
    let current: string;
    try {
      current = (await client.getKey(settings.kekName)).properties.version!;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new VaultKeyMissingError(
        `Key Vault ${settings.url} holds no key "${settings.kekName}"; create the keys with ` +
          '`npx zegel keys init` (see docs/deployment.md, key ceremony).',
      );
    }
    files.ensureDir();
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const store = new AzureKeyVaultKeyStore(
      keyDir,
      dataDir,
      marker ?? { format: 1, currentKek: current, keks: [current], secrets: [], signingKeys: [] },
      files,
      settings,
      client,
      options,
    );
    if (!marker) writeMarker(dataDir, store.marker);
    else if (marker.currentKek !== current)
      store.updateMarker({ currentKek: current, keks: [current] });
    return store;
  }

  /** The key ceremony: creates the KEK and signing keys when they do not exist yet. */
  static async init(
    settings: AzureKeyVaultSettings,
  ): Promise<{ currentKek: string; signers: Record<string, string> }> {
    const client = new KeyClient(settings.url, settings.credential, this.clientOptions(settings));
    const getOr = async (name: string, create: () => Promise<KeyVaultKey>) => {
      try {
        return await client.getKey(name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        return create();
      }
    };
    const kek = await getOr(settings.kekName, () =>
      client.createRsaKey(settings.kekName, { keySize: 3072, keyOps: ['wrapKey', 'unwrapKey'] }),
    );
    const signing = await getOr(settings.signingKeyName, () =>
      client.createEcKey(settings.signingKeyName, { curve: 'P-256', keyOps: ['sign', 'verify'] }),
    );
    return {
      currentKek: kek.properties.version!,
      signers: { evidence: jwkThumbprint(publicKeyOf(signing)) },
    };
  }

  async wrapDataKey(dataKey: Buffer): Promise<string> {
    assertDataKeyBuffer(dataKey);
    const version = this.marker.currentKek;
    const { result } = await this.crypto(this.settings.kekName, version).wrapKey(
      WRAP_ALGORITHM,
      dataKey,
    );
    return `${WRAP_PREFIX}.${version}.${Buffer.from(result).toString('base64url')}`;
  }

  async unwrapDataKey(wrapped: string): Promise<Buffer> {
    const { version, ciphertext } = parseWrapped(wrapped);
    let result: Uint8Array;
    try {
      ({ result } = await this.crypto(this.settings.kekName, version).unwrapKey(
        WRAP_ALGORITHM,
        ciphertext,
      ));
    } catch (error) {
      if (isNotFound(error)) {
        throw new VaultKeyMissingError(
          `The data key is wrapped by ${this.settings.kekName} version ${version}, which the vault does not hold`,
        );
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 400) throw new VaultIntegrityError('Key Vault could not unwrap the data key');
      throw error;
    }
    if (result.length !== KEY_LENGTH)
      throw new VaultIntegrityError('Unwrapped data key has the wrong length');
    if (!this.marker.keks.includes(version)) this.updateMarker({ keks: [version] });
    return Buffer.from(result);
  }

  wrap(_dataKey: Buffer): string {
    throw new Error(
      'Azure Key Vault wraps data keys asynchronously: use VaultService.createDataKey',
    );
  }

  unwrap(_wrapped: string): Buffer {
    throw new Error(
      'Azure Key Vault unwraps data keys asynchronously: use VaultService.openDataKey',
    );
  }

  async rotateKek(): Promise<string> {
    const key = await this.client.createRsaKey(this.settings.kekName, {
      keySize: 3072,
      keyOps: ['wrapKey', 'unwrapKey'],
    });
    const version = key.properties.version!;
    this.updateMarker({ currentKek: version, keks: [version] });
    return version;
  }

  async signer(name: string): Promise<EvidenceSigner> {
    assertName(name);
    const cached = this.signers.get(name);
    if (cached) return cached;
    if (name !== 'evidence')
      throw new Error(`Key Vault holds only the evidence signing key, not "${name}"`);
    let key: KeyVaultKey;
    try {
      key = await this.client.getKey(this.settings.signingKeyName);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      throw new VaultKeyMissingError(
        `Key Vault holds no signing key "${this.settings.signingKeyName}"; create it with \`npx zegel keys init\``,
      );
    }
    const publicKey = publicKeyOf(key);
    const crypto = this.crypto(this.settings.signingKeyName, key.properties.version!);
    const signer: EvidenceSigner = {
      algorithm: 'ES256',
      keyId: jwkThumbprint(publicKey),
      publicKey,
      sign: async (data: Buffer) => Buffer.from((await crypto.sign('ES256', sha256(data))).result),
    };
    const marked = `azure-key-vault:${name}`;
    if (!this.marker.signingKeys.includes(marked)) this.updateMarker({ signingKeys: [marked] });
    this.signers.set(name, signer);
    return signer;
  }

  /** A client bound to one key version, so every operation runs in the vault. */
  private crypto(name: string, version: string): CryptographyClient {
    const id = `${this.settings.url.replace(/\/$/, '')}/keys/${name}/${version}`;
    let client = this.cryptoClients.get(id);
    if (!client) {
      client = new CryptographyClient(id, this.settings.credential, this.options);
      this.cryptoClients.set(id, client);
    }
    return client;
  }
}
