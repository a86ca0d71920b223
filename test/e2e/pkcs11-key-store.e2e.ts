import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkcs11js from 'pkcs11js';
import type { EvidenceEventView } from '@zegel/shared';
import { verifyChain } from '../../server/src/evidence/evidence-chain';
import { verifySignature } from '../../server/src/vault/key-store';
import { Pkcs11KeyStore } from '../../server/src/vault/pkcs11-key-store.adapter';
import { VaultIntegrityError, VaultKeyMissingError } from '../../server/src/vault/vault.errors';
import { http } from '../support/http';
import { startZegel } from '../support/server';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm';
import { collectAttachment, submitWithAttachment } from '../support/vault-roundtrip';
import { runKeysCommand } from '../../server/src/cli/keys.command';

/** Keys in an HSM over PKCS#11, against a real SoftHSM2 token. */
describe('PKCS#11 key store (SoftHSM2)', () => {
  let token: SoftHsmToken;
  let root: string;
  const open = (dataDir = join(root, 'data')) =>
    Pkcs11KeyStore.open(token, join(root, 'keys'), dataDir);

  beforeAll(() => {
    token = createSoftHsmToken();
    root = mkdtempSync(join(tmpdir(), 'zegel-pkcs11-'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    token.cleanup();
  });

  it('refuses to start before the key ceremony, and creates nothing itself', () => {
    expect(() => open()).toThrow(/keys init/);
    expect(() => open()).toThrow(VaultKeyMissingError);
  });

  it('creates a KEK and a signing key with keys init, once', () => {
    const first = Pkcs11KeyStore.init(token, ['evidence']);
    const again = Pkcs11KeyStore.init(token, ['evidence']);
    expect(again).toEqual(first);
    expect(first.currentKek).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the KEK and the private signing key inside the token', () => {
    const lib = new pkcs11js.PKCS11();
    lib.load(token.library);
    lib.C_Initialize();
    try {
      const slot = lib
        .C_GetSlotList(true)
        .find((s) => lib.C_GetTokenInfo(s).label.trim() === token.tokenLabel)!;
      const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      lib.C_Login(session, pkcs11js.CKU_USER, token.pin);
      lib.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_TOKEN, value: true }]);
      const handles = lib.C_FindObjects(session, 100);
      lib.C_FindObjectsFinal(session);
      const secretOrPrivate = handles.filter((h) => {
        const [cls] = lib.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_CLASS }]);
        const value = (cls.value as Buffer).readUInt32LE(0);
        return value === pkcs11js.CKO_SECRET_KEY || value === pkcs11js.CKO_PRIVATE_KEY;
      });
      expect(secretOrPrivate).toHaveLength(2);
      for (const handle of secretOrPrivate) {
        const attrs = lib.C_GetAttributeValue(session, handle, [
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_EXTRACTABLE },
        ]);
        expect(attrs.map((a) => (a.value as Buffer)[0])).toEqual([1, 0]);
        expect(() =>
          lib.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_VALUE }]),
        ).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
      }
      lib.C_CloseSession(session);
    } finally {
      lib.C_Finalize();
    }
  });

  it('wraps data keys inside the HSM, rejects tampering, and keeps old keys after rotation', async () => {
    const store = open();
    const dek = randomBytes(32);
    let wrapped: string;
    try {
      wrapped = await store.wrapDataKey(dek);
      expect(wrapped).toMatch(new RegExp(`^zk1\\.${store.currentKekId}\\.`));
      expect((await store.unwrapDataKey(wrapped)).equals(dek)).toBe(true);
      expect(store.unwrap(wrapped).equals(dek)).toBe(true);
      const altered =
        wrapped.slice(0, -3) + (wrapped.at(-3) === 'A' ? 'B' : 'A') + wrapped.slice(-2);
      await expect(store.unwrapDataKey(altered)).rejects.toBeInstanceOf(VaultIntegrityError);

      const old = store.currentKekId;
      const next = await store.rotateKek();
      expect(next > old).toBe(true);
      const after = await store.wrapDataKey(dek);
      expect(after).toContain(`.${next}.`);
      expect((await store.unwrapDataKey(wrapped)).equals(dek)).toBe(true);
    } finally {
      await store.close();
    }
    // Another instance (its own data directory) agrees on the newest KEK and reads both.
    const other = open(join(root, 'data-2'));
    try {
      expect(other.currentKekId).toBe(store.currentKekId);
      expect((await other.unwrapDataKey(wrapped)).equals(dek)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('signs with ES256 inside the HSM; the public key verifies', async () => {
    const store = open();
    try {
      const signer = await store.signer('evidence');
      expect(signer.algorithm).toBe('ES256');
      const data = Buffer.from('evidence event hash');
      const signature = await signer.sign(data);
      expect(signature).toHaveLength(64);
      expect(verifySignature(signer.publicKey, data, signature)).toBe(true);
      expect(verifySignature(signer.publicKey, Buffer.from('other'), signature)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('runs the server on it: content round trip and an evidence chain signed in the HSM', async () => {
    const zegel = await startZegel({
      env: {
        ZEGEL_KEY_STORE: 'pkcs11',
        ZEGEL_PKCS11_LIBRARY: token.library,
        ZEGEL_PKCS11_TOKEN_LABEL: token.tokenLabel,
        ZEGEL_PKCS11_PIN_FILE: token.pinFile,
      },
    });
    try {
      const attachment = randomBytes(100_000);
      const copy = await submitWithAttachment(zegel, 'hsm@example.nl', attachment);
      expect((await collectAttachment(zegel, copy)).equals(attachment)).toBe(true);
      expect(readdirSync(zegel.keyDir).filter((f) => f.startsWith('kek-'))).toEqual([]);
      const jwk = (await http(`${zegel.url}/api/v1/evidence/public-key`)).json<
        Record<string, string>
      >();
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      const events = (await http(`${zegel.url}/api/v1/messages/${copy.id}`)).json<{
        events: EvidenceEventView[];
      }>().events;
      expect(events.length).toBeGreaterThan(0);
      const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
      const all = (await http(`${zegel.url}/api/v1/events?after=0`)).json<{
        events: (EvidenceEventView & { seq: number })[];
      }>().events;
      expect(verifyChain(all as never, publicKey)).toBeNull();
    } finally {
      await zegel.close();
    }
  }, 30_000); // a server start and stop with an HSM: beyond Jest's default 5 s on PostgreSQL

  it('keys rotate works on the token too', async () => {
    const env = {
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_DATA_DIR: join(root, 'data'),
      ZEGEL_KEY_DIR: join(root, 'keys'),
      ZEGEL_KEY_STORE: 'pkcs11',
      ZEGEL_PKCS11_LIBRARY: token.library,
      ZEGEL_PKCS11_TOKEN_LABEL: token.tokenLabel,
      ZEGEL_PKCS11_PIN_FILE: token.pinFile,
    };
    const before = open();
    const old = before.currentKekId;
    await before.close();
    const write = process.stdout.write;
    let out = '';
    process.stdout.write = ((c: string) => ((out += c), true)) as typeof write;
    try {
      expect(await runKeysCommand(['rotate', '--json'], env)).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const { previousKek, currentKek } = JSON.parse(out) as Record<string, string>;
    expect(previousKek).toBe(old);
    const after = open();
    expect(after.currentKekId).toBe(currentKek);
    await after.close();
  });
});
