import { randomBytes, sign, verify } from 'node:crypto';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKeyStore as KeyStore } from './key-store.adapter';
import { LocalKeyDirectory } from './local-key-directory';
import { VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

const posix = process.platform !== 'win32';
const mode = (path: string) => statSync(path).mode & 0o777;

describe('KeyStore', () => {
  let root: string;
  let keyDir: string;
  let dataDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'zegel-keys-'));
    keyDir = join(root, 'keys');
    dataDir = join(root, 'data');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the key dir (0700), a KEK (0600) and vault.json on first start', () => {
    const store = KeyStore.open(keyDir, dataDir);
    const files = readdirSync(keyDir).sort();
    expect(files).toEqual(['current-kek', `kek-${store.currentKekId}.key`]);
    expect(readFileSync(join(keyDir, 'current-kek'), 'utf8')).toBe(`${store.currentKekId}\n`);
    const marker = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8'));
    expect(marker).toEqual({
      format: 1,
      currentKek: store.currentKekId,
      keks: [store.currentKekId],
      secrets: [],
      signingKeys: [],
    });
    if (posix) {
      expect(mode(keyDir)).toBe(0o700);
      expect(mode(join(keyDir, files[0]))).toBe(0o600);
      expect(mode(join(keyDir, files[1]))).toBe(0o600);
      expect(mode(join(dataDir, 'vault.json'))).toBe(0o600);
    }
  });

  it('with a shared blob store, never creates keys at start: they come from keys init', () => {
    expect(() => KeyStore.open(keyDir, dataDir, false, false)).toThrow(/keys init/);
    expect(() => KeyStore.open(keyDir, dataDir, false, false)).toThrow(VaultKeyMissingError);
    const files = new LocalKeyDirectory(keyDir);
    files.ensureDir();
    const id = files.currentOrCreate();
    expect(KeyStore.open(keyDir, dataDir, false, false).currentKekId).toBe(id);
  });

  it('follows a rotation made by another process, and loads the KEKs it made', async () => {
    const running = KeyStore.open(keyDir, dataDir);
    const dek = randomBytes(32);
    const other = KeyStore.open(keyDir, join(root, 'other-data'));
    const fromOther = other.wrap(dek);
    const rotated = await other.rotateKek();
    const wrappedByOther = other.wrap(dek);
    expect(running.unwrap(wrappedByOther).equals(dek)).toBe(true);
    expect(running.unwrap(fromOther).equals(dek)).toBe(true);
    // The running store looks at the pointer at most every 30 s; pretend that time has passed.
    (running as unknown as { pointerCheckedAt: number }).pointerCheckedAt = 0;
    expect(running.wrap(dek)).toContain(`.${rotated}.`);
    const marker = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8'));
    expect(marker.currentKek).toBe(rotated);
    expect(marker.keks).toContain(rotated);
  });

  it('tightens an existing key dir that others can enter', () => {
    if (!posix) return;
    KeyStore.open(keyDir, dataDir);
    chmodSync(keyDir, 0o755);
    KeyStore.open(keyDir, dataDir);
    expect(mode(keyDir)).toBe(0o700);
  });

  it('wraps and unwraps data keys, across restarts', () => {
    const dek = randomBytes(32);
    const wrapped = KeyStore.open(keyDir, dataDir).wrap(dek);
    expect(wrapped).toMatch(/^zk1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
    expect(KeyStore.open(keyDir, dataDir).unwrap(wrapped).equals(dek)).toBe(true);
  });

  it('rejects altered or foreign wrapped keys', () => {
    const store = KeyStore.open(keyDir, dataDir);
    const wrapped = store.wrap(randomBytes(32));
    const last = wrapped.at(-2) === 'A' ? 'B' : 'A';
    const altered = wrapped.slice(0, -2) + last + wrapped.slice(-1);
    expect(() => store.unwrap(altered)).toThrow(VaultIntegrityError);
    expect(() => store.unwrap('garbage')).toThrow(VaultIntegrityError);
    const other = KeyStore.open(join(root, 'k2'), join(root, 'd2')).wrap(randomBytes(32));
    expect(() => store.unwrap(other)).toThrow(VaultKeyMissingError);
  });

  it('keeps unwrapping old keys after a KEK rotation', async () => {
    const store = KeyStore.open(keyDir, dataDir);
    const dek = randomBytes(32);
    const before = store.wrap(dek);
    const first = store.currentKekId;
    const second = await store.rotateKek();
    expect(second).not.toBe(first);
    expect(store.wrap(dek)).toContain(`.${second}.`);
    expect(KeyStore.open(keyDir, dataDir).unwrap(before).equals(dek)).toBe(true);
  });

  it('refuses to start when vault.json lists a KEK that is missing, naming file and both dirs', () => {
    const store = KeyStore.open(keyDir, dataDir);
    const kekPath = join(keyDir, `kek-${store.currentKekId}.key`);
    rmSync(kekPath);
    const attempt = () => KeyStore.open(keyDir, dataDir);
    expect(attempt).toThrow(VaultKeyMissingError);
    expect(attempt).toThrow(kekPath);
    expect(attempt).toThrow(dataDir);
    expect(attempt).toThrow(`key directory ${keyDir}`);
    expect(readdirSync(keyDir)).toEqual(['current-kek']); // no fresh key was created
  });

  it('refuses to start when the whole key dir is gone', () => {
    KeyStore.open(keyDir, dataDir);
    rmSync(keyDir, { recursive: true });
    expect(() => KeyStore.open(keyDir, dataDir)).toThrow(VaultKeyMissingError);
  });

  it('refuses to create a first key when encrypted data exists without vault.json', () => {
    expect(() => KeyStore.open(keyDir, dataDir, true)).toThrow(/no vault\.json/);
  });

  it('keeps KEKs already in the key dir usable when starting on a fresh data dir', () => {
    const dek = randomBytes(32);
    const wrapped = KeyStore.open(keyDir, dataDir).wrap(dek);
    rmSync(dataDir, { recursive: true });
    const store = KeyStore.open(keyDir, dataDir);
    expect(store.unwrap(wrapped).equals(dek)).toBe(true);
    expect(readdirSync(keyDir)).toHaveLength(2);
    expect(store.wrap(dek)).toContain(`.${store.currentKekId}.`);
  });

  it('refuses a damaged vault.json and leaves it alone', () => {
    KeyStore.open(keyDir, dataDir);
    writeFileSync(join(dataDir, 'vault.json'), '{"format":');
    expect(() => KeyStore.open(keyDir, dataDir)).toThrow(/not valid JSON/);
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toBe('{"format":');
  });

  it('refuses a key file that others can read', () => {
    if (!posix) return;
    const store = KeyStore.open(keyDir, dataDir);
    chmodSync(join(keyDir, `kek-${store.currentKekId}.key`), 0o644);
    expect(() => KeyStore.open(keyDir, dataDir)).toThrow(/too open/);
  });

  describe('getOrCreateSecret', () => {
    it('creates a secret once (0600) and returns the same bytes after a restart', () => {
      const first = KeyStore.open(keyDir, dataDir).getOrCreateSecret('ceid-pepper');
      expect(first).toHaveLength(32);
      const again = KeyStore.open(keyDir, dataDir).getOrCreateSecret('ceid-pepper');
      expect(again.equals(first)).toBe(true);
      if (posix) expect(mode(join(keyDir, 'secret-ceid-pepper.key'))).toBe(0o600);
      expect(KeyStore.open(keyDir, dataDir).getOrCreateSecret('other', 64)).toHaveLength(64);
    });

    it('refuses to replace a secret in use that went missing', () => {
      KeyStore.open(keyDir, dataDir).getOrCreateSecret('ceid-pepper');
      rmSync(join(keyDir, 'secret-ceid-pepper.key'));
      expect(() => KeyStore.open(keyDir, dataDir)).toThrow(/secret-ceid-pepper\.key/);
    });

    it('refuses bad names, sizes and a size that does not match the file', () => {
      const store = KeyStore.open(keyDir, dataDir);
      expect(() => store.getOrCreateSecret('../kek')).toThrow(/key name/);
      expect(() => store.getOrCreateSecret('a', 4)).toThrow(/16 to 1024/);
      store.getOrCreateSecret('pepper', 32);
      expect(() => store.getOrCreateSecret('pepper', 48)).toThrow(/holds 32 bytes/);
    });
  });

  describe('getOrCreateSigningKey', () => {
    it('creates an Ed25519 key (PEM, 0600) that survives a restart and signs', () => {
      const first = KeyStore.open(keyDir, dataDir).getOrCreateSigningKey('evidence');
      const again = KeyStore.open(keyDir, dataDir).getOrCreateSigningKey('evidence');
      expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
      expect(again.keyId).toBe(first.keyId);
      expect(first.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const path = join(keyDir, 'signing-evidence.pem');
      expect(readFileSync(path, 'utf8')).toContain('BEGIN PRIVATE KEY');
      if (posix) expect(mode(path)).toBe(0o600);
      const data = Buffer.from('event');
      expect(verify(null, data, again.publicKey, sign(null, data, first.privateKey))).toBe(true);
    });

    it('refuses to replace a signing key in use that went missing', () => {
      KeyStore.open(keyDir, dataDir).getOrCreateSigningKey('evidence');
      rmSync(join(keyDir, 'signing-evidence.pem'));
      expect(() => KeyStore.open(keyDir, dataDir)).toThrow(VaultKeyMissingError);
    });
  });
});
