import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  AzureKeyVaultKeyStore,
  type AzureKeyVaultSettings,
} from '../../server/src/vault/azure-key-vault-key-store.adapter';
import { verifySignature } from '../../server/src/vault/key-store';
import { LocalBlobStore } from '../../server/src/vault/local-blob-store.adapter';
import { VaultIntegrityError, VaultKeyMissingError } from '../../server/src/vault/vault.errors';
import { VaultService } from '../../server/src/vault/vault.service';
import { startFakeKeyVault, type FakeKeyVault } from '../support/key-vault-fake';

/**
 * The Azure Key Vault key store through the official SDK, against a fake of Key Vault's documented
 * REST contract over HTTPS (test/support/key-vault-fake.ts): not Azure itself.
 */
describe('Azure Key Vault key store (documented-contract fake)', () => {
  let vault: FakeKeyVault;
  let root: string;
  let settings: AzureKeyVaultSettings;
  const open = (data = 'data') =>
    AzureKeyVaultKeyStore.open(settings, join(root, 'keys'), join(root, data));

  beforeAll(async () => {
    vault = await startFakeKeyVault();
    root = mkdtempSync(join(tmpdir(), 'zegel-akv-'));
    settings = {
      url: vault.url,
      kekName: 'zegel-kek',
      signingKeyName: 'zegel-evidence',
      credential: vault.credential,
      agent: vault.agent,
    };
  }, 60_000);

  afterAll(async () => {
    await vault?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses to start before the key ceremony', async () => {
    await expect(open()).rejects.toBeInstanceOf(VaultKeyMissingError);
    await expect(open()).rejects.toThrow(/keys init/);
  });

  it('creates the KEK and the signing key with keys init, once', async () => {
    const first = await AzureKeyVaultKeyStore.init(settings);
    const again = await AzureKeyVaultKeyStore.init(settings);
    expect(again).toEqual(first);
    expect(vault.versions('zegel-kek')).toEqual([first.currentKek]);
    expect(vault.versions('zegel-evidence')).toHaveLength(1);
  });

  it('wraps and unwraps data keys in the vault, and only asynchronously', async () => {
    const store = await open();
    const dek = randomBytes(32);
    const wrapped = await store.wrapDataKey(dek);
    expect(wrapped).toMatch(new RegExp(`^zkv1\\.${store.currentKekId}\\.[A-Za-z0-9_-]+$`));
    expect((await store.unwrapDataKey(wrapped)).equals(dek)).toBe(true);
    expect(
      vault.requests.some((r) => r.endsWith(`/zegel-kek/${store.currentKekId}/unwrapkey`)),
    ).toBe(true);
    expect(() => store.wrap(dek)).toThrow(/asynchronously/);
    const bytes = Buffer.from(wrapped.split('.')[2], 'base64url');
    bytes[10] ^= 1;
    const altered = `zkv1.${store.currentKekId}.${bytes.toString('base64url')}`;
    await expect(store.unwrapDataKey(altered)).rejects.toBeInstanceOf(VaultIntegrityError);
    await expect(store.unwrapDataKey('zk1.0123456789abcdef.AAAA')).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  });

  it('seals and reads content through VaultService with the vault holding the KEK', async () => {
    const keys = await open();
    const service = new VaultService(keys, new LocalBlobStore(join(root, 'blobs')));
    const { key, wrapped } = await service.createDataKey();
    const stored = await service.storePart({
      key,
      context: 'm/attachment',
      source: Readable.from([Buffer.from('sealed under a vault-wrapped key')]),
      maxBytes: 1000,
    });
    const opened = await service.openDataKey(wrapped);
    const plain = await buffer(
      service.readPart({ key: opened, context: 'm/attachment', blobId: stored.blobId }),
    );
    expect(plain.toString()).toBe('sealed under a vault-wrapped key');
  });

  it('rotates: a new key version wraps new data keys, old versions still unwrap', async () => {
    const store = await open();
    const dek = randomBytes(32);
    const old = await store.wrapDataKey(dek);
    const oldVersion = store.currentKekId;
    const newVersion = await store.rotateKek();
    expect(newVersion).not.toBe(oldVersion);
    expect(vault.versions('zegel-kek')).toEqual([oldVersion, newVersion]);
    expect(await store.wrapDataKey(dek)).toContain(`.${newVersion}.`);
    expect((await store.unwrapDataKey(old)).equals(dek)).toBe(true);
    // Another instance starting now takes the newest version as current.
    expect((await open('data-2')).currentKekId).toBe(newVersion);
  });

  it('signs evidence with ES256 in the vault; the public key verifies', async () => {
    const store = await open();
    const signer = await store.signer('evidence');
    expect(signer.algorithm).toBe('ES256');
    const data = Buffer.from('a chained evidence hash');
    const signature = await signer.sign(data);
    expect(verifySignature(signer.publicKey, data, signature)).toBe(true);
    expect(verifySignature(signer.publicKey, Buffer.from('forged'), signature)).toBe(false);
    expect(vault.requests.some((r) => r.endsWith('/sign'))).toBe(true);
  });
});
