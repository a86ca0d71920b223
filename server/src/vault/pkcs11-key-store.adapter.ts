import { createPublicKey, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as pkcs11js from 'pkcs11js';
import { type EvidenceSigner, KeyStore, sha256 } from './key-store';
import { assertDataKeyBuffer, formatWrapped, parseWrapped, wrapAad } from './key-store.adapter';
import { assertName, jwkThumbprint, LocalKeyDirectory, newKekId } from './local-key-directory';
import { readSecretFile } from './key-files.util';
import { KEY_LENGTH } from './vault-format.util';
import { type VaultMarker, writeMarker } from './vault-marker.util';
import { VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

export interface Pkcs11Settings {
  /** The vendor's PKCS#11 module (a shared library). */
  library: string;
  tokenLabel: string;
  /** File with the token's user PIN. */
  pinFile: string;
}

const KEK_LABEL = 'zegel-kek-';
const SIGNING_LABEL = 'zegel-signing-';
/** DER of the named curve prime256v1 (1.2.840.10045.3.1.7), for CKA_EC_PARAMS. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
/** SubjectPublicKeyInfo of an EC P-256 key, up to the 65-byte uncompressed point. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const IV_LENGTH = 12;

/** The uncompressed point out of CKA_EC_POINT, which tokens give DER-wrapped (OCTET STRING) or bare. */
function ecPoint(value: Buffer): Buffer {
  if (value.length === 65 && value[0] === 0x04) return value;
  if (value.length === 67 && value[0] === 0x04 && value[1] === 65) return value.subarray(2);
  throw new Error('Unexpected CKA_EC_POINT from the token (not an uncompressed P-256 point)');
}

/**
 * Keys in an HSM over PKCS#11 (tested with SoftHSM2; Thales Luna, Entrust nShield and Azure
 * Managed HSM speak the same interface). KEKs are AES-256 token keys, sensitive and not
 * extractable: a data key is wrapped inside the HSM with AES-GCM (C_Encrypt, AAD naming the KEK),
 * in the same `zk1` format as key files, and never leaves it in the clear except as the unwrapped
 * data key. The evidence signing key is an EC P-256 key pair whose private half signs inside the
 * HSM (CKM_ECDSA over a SHA-256 digest).
 *
 * Keys are created by `zegel keys init` (a key ceremony), not by the server, which refuses to
 * start without them. The current KEK is the one with the newest id (ids begin with the creation
 * time), so every instance on the same token agrees on it, and `keys rotate` only adds one.
 *
 * pkcs11js calls are synchronous: each is one short call into the module (microseconds on SoftHSM,
 * about a millisecond on a network HSM), which keeps the synchronous wrap/unwrap available.
 */
export class Pkcs11KeyStore extends KeyStore {
  readonly kind = 'pkcs11';
  private readonly kekHandles = new Map<string, Buffer>();
  private readonly signers = new Map<string, EvidenceSigner>();

  private constructor(
    keyDir: string,
    dataDir: string,
    marker: VaultMarker,
    files: LocalKeyDirectory,
    private readonly token: Pkcs11Token,
  ) {
    super(keyDir, dataDir, marker, files);
  }

  static open(
    settings: Pkcs11Settings,
    keyDir: string,
    dataDir: string,
    hasEncryptedData = false,
  ): Pkcs11KeyStore {
    const files = new LocalKeyDirectory(keyDir);
    const marker = KeyStore.markerOrRefuse(keyDir, dataDir, hasEncryptedData);
    if (marker) KeyStore.checkListedFiles(files, dataDir, marker);
    const token = Pkcs11Token.open(settings);
    try {
      const keks = token.listKeks();
      const missing = (marker?.keks ?? []).filter((id) => !keks.has(id));
      const current = [...keks.keys()].sort().at(-1);
      if (missing.length || !current) {
        throw new VaultKeyMissingError(
          missing.length
            ? `The token "${settings.tokenLabel}" does not hold the KEK(s) ${missing.join(', ')} ` +
                `that ${dataDir}/vault.json lists. Check ZEGEL_PKCS11_TOKEN_LABEL and the HSM; ` +
                'Zegel will not create a new key over existing encrypted data.'
            : `The token "${settings.tokenLabel}" holds no Zegel KEK yet; create the keys with ` +
                '`npx zegel keys init` (see docs/deployment.md, key ceremony).',
        );
      }
      files.ensureDir();
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const store = new Pkcs11KeyStore(
        keyDir,
        dataDir,
        marker ?? { format: 1, currentKek: current, keks: [current], secrets: [], signingKeys: [] },
        files,
        token,
      );
      for (const [id, handle] of keks) store.kekHandles.set(id, handle);
      if (!marker) writeMarker(dataDir, store.marker);
      else if (marker.currentKek !== current) {
        store.updateMarker({ currentKek: current, keks: [current] });
      }
      return store;
    } catch (error) {
      token.close();
      throw error;
    }
  }

  /**
   * The key ceremony: creates the first KEK and the named signing keys on the token when there are
   * none. Safe to run twice; concurrent runs may each add a KEK, and the newest becomes current.
   */
  static init(
    settings: Pkcs11Settings,
    signingKeys: string[],
  ): { currentKek: string; signers: Record<string, string> } {
    const token = Pkcs11Token.open(settings);
    try {
      const keks = token.listKeks();
      let current = [...keks.keys()].sort().at(-1);
      if (!current) {
        current = newKekId();
        token.generateKek(current);
      }
      const signers: Record<string, string> = {};
      for (const name of signingKeys) {
        const pair = token.findSigningKey(name) ?? token.generateSigningKey(name);
        signers[name] = jwkThumbprint(token.publicKeyOf(pair.publicKey));
      }
      return { currentKek: [...token.listKeks().keys()].sort().at(-1)!, signers };
    } finally {
      token.close();
    }
  }

  wrap(dataKey: Buffer): string {
    assertDataKeyBuffer(dataKey);
    const id = this.marker.currentKek;
    const iv = randomBytes(IV_LENGTH);
    const sealed = this.token.gcm('encrypt', this.kekHandle(id), iv, wrapAad(id), dataKey);
    return formatWrapped(id, iv, sealed.subarray(0, KEY_LENGTH), sealed.subarray(KEY_LENGTH));
  }

  unwrap(wrapped: string): Buffer {
    const { id, iv, body, tag } = parseWrapped(wrapped);
    try {
      return this.token.gcm(
        'decrypt',
        this.kekHandle(id),
        iv,
        wrapAad(id),
        Buffer.concat([body, tag]),
      );
    } catch (error) {
      if (error instanceof VaultKeyMissingError) throw error;
      throw new VaultIntegrityError(
        'Wrapped data key failed authentication (altered or wrong KEK)',
      );
    }
  }

  wrapDataKey(dataKey: Buffer): Promise<string> {
    return Promise.resolve().then(() => this.wrap(dataKey));
  }

  unwrapDataKey(wrapped: string): Promise<Buffer> {
    return Promise.resolve().then(() => this.unwrap(wrapped));
  }

  rotateKek(): Promise<string> {
    const newest = [...this.token.listKeks().keys()].sort().at(-1);
    const id = newKekId(Date.now(), newest);
    this.kekHandles.set(id, this.token.generateKek(id));
    this.updateMarker({ currentKek: id, keks: [id] });
    return Promise.resolve(id);
  }

  signer(name: string): Promise<EvidenceSigner> {
    assertName(name);
    const cached = this.signers.get(name);
    if (cached) return Promise.resolve(cached);
    const pair = this.token.findSigningKey(name);
    if (!pair) {
      return Promise.reject(
        new VaultKeyMissingError(
          `The token holds no signing key "${name}"; create it with \`npx zegel keys init\``,
        ),
      );
    }
    const publicKey = this.token.publicKeyOf(pair.publicKey);
    const signer: EvidenceSigner = {
      algorithm: 'ES256',
      keyId: jwkThumbprint(publicKey),
      publicKey,
      sign: (data: Buffer) => Promise.resolve(this.token.signEcdsa(pair.privateKey, sha256(data))),
    };
    const marked = `pkcs11:${name}`;
    if (!this.marker.signingKeys.includes(marked)) this.updateMarker({ signingKeys: [marked] });
    this.signers.set(name, signer);
    return Promise.resolve(signer);
  }

  override close(): Promise<void> {
    this.token.close();
    return Promise.resolve();
  }

  /** A KEK by id; one made by `keys rotate` in another process is looked up on the token. */
  private kekHandle(id: string): Buffer {
    let handle = this.kekHandles.get(id);
    if (!handle) {
      handle = this.token.listKeks().get(id);
      if (!handle) {
        throw new VaultKeyMissingError(
          `The data key is wrapped by KEK ${id}, which the token does not hold`,
        );
      }
      this.kekHandles.set(id, handle);
      this.updateMarker({ keks: [id] });
    }
    return handle;
  }
}

/**
 * Sessions open in this process. The module is initialised once per process; it is finalised when
 * the last session closes, so a later open sees tokens created meanwhile.
 */
let openSessions = 0;

/** One logged-in session on the token with the given label. */
class Pkcs11Token {
  private closed = false;

  private constructor(
    private readonly lib: pkcs11js.PKCS11,
    private readonly session: Buffer,
  ) {}

  static open(settings: Pkcs11Settings): Pkcs11Token {
    const lib = new pkcs11js.PKCS11();
    lib.load(settings.library);
    try {
      lib.C_Initialize();
    } catch (error) {
      // Another Pkcs11KeyStore in this process initialised the module already.
      if (!String(error).includes('CKR_CRYPTOKI_ALREADY_INITIALIZED')) throw error;
    }
    openSessions++;
    let session: Buffer;
    try {
      session = Pkcs11Token.login(lib, settings);
    } catch (error) {
      Pkcs11Token.release(lib);
      throw error;
    }
    return new Pkcs11Token(lib, session);
  }

  private static release(lib: pkcs11js.PKCS11): void {
    if (--openSessions > 0) return;
    try {
      lib.C_Finalize();
    } catch {
      // Already finalised: nothing to release.
    }
  }

  private static login(lib: pkcs11js.PKCS11, settings: Pkcs11Settings): Buffer {
    const slot = lib
      .C_GetSlotList(true)
      .find((s) => lib.C_GetTokenInfo(s).label.trim() === settings.tokenLabel);
    if (!slot) {
      throw new Error(`No PKCS#11 token labelled "${settings.tokenLabel}" in ${settings.library}`);
    }
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    const pin = readSecretFile(settings.pinFile)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    try {
      lib.C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (error) {
      if (!String(error).includes('CKR_USER_ALREADY_LOGGED_IN')) throw error;
    }
    return session;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.lib.C_CloseSession(this.session);
    } finally {
      Pkcs11Token.release(this.lib);
    }
  }

  /** Every Zegel KEK on the token, by id. */
  listKeks(): Map<string, Buffer> {
    const found = new Map<string, Buffer>();
    for (const handle of this.find([
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    ])) {
      const label = this.label(handle);
      if (label.startsWith(KEK_LABEL)) found.set(label.slice(KEK_LABEL.length), handle);
    }
    return found;
  }

  generateKek(id: string): Buffer {
    return this.lib.C_GenerateKey(this.session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
      { type: pkcs11js.CKA_VALUE_LEN, value: KEY_LENGTH },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      { type: pkcs11js.CKA_ENCRYPT, value: true },
      { type: pkcs11js.CKA_DECRYPT, value: true },
      { type: pkcs11js.CKA_LABEL, value: `${KEK_LABEL}${id}` },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
    ]);
  }

  /** AES-256-GCM inside the token, 128-bit tag: ciphertext ‖ tag out, or plaintext out. */
  gcm(mode: 'encrypt' | 'decrypt', key: Buffer, iv: Buffer, aad: Buffer, input: Buffer): Buffer {
    const mechanism = {
      mechanism: pkcs11js.CKM_AES_GCM,
      parameter: { type: pkcs11js.CK_PARAMS_AES_GCM, iv, aad, ivBits: iv.length * 8, tagBits: 128 },
    };
    if (mode === 'encrypt') {
      this.lib.C_EncryptInit(this.session, mechanism, key);
      return Buffer.from(this.lib.C_Encrypt(this.session, input, Buffer.alloc(input.length + 16)));
    }
    this.lib.C_DecryptInit(this.session, mechanism, key);
    return Buffer.from(this.lib.C_Decrypt(this.session, input, Buffer.alloc(input.length)));
  }

  findSigningKey(name: string): { privateKey: Buffer; publicKey: Buffer } | undefined {
    const label = `${SIGNING_LABEL}${name}`;
    const newest = (cls: number) =>
      this.find([
        { type: pkcs11js.CKA_CLASS, value: cls },
        { type: pkcs11js.CKA_LABEL, value: label },
      ])
        .map((handle) => ({ handle, id: this.id(handle) }))
        .sort((a, b) => a.id.compare(b.id))
        .at(-1);
    const privateKey = newest(pkcs11js.CKO_PRIVATE_KEY);
    if (!privateKey) return undefined;
    // The public half with the same CKA_ID as the newest private key.
    const publicKey = this.find([
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
      { type: pkcs11js.CKA_ID, value: privateKey.id },
    ])[0];
    if (!publicKey) throw new Error(`The token holds no public key for signing key "${name}"`);
    return { privateKey: privateKey.handle, publicKey };
  }

  generateSigningKey(name: string): { privateKey: Buffer; publicKey: Buffer } {
    const label = `${SIGNING_LABEL}${name}`;
    const id = Buffer.from(newKekId(), 'hex');
    const common = [
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
      { type: pkcs11js.CKA_LABEL, value: label },
      { type: pkcs11js.CKA_ID, value: id },
    ];
    const keys = this.lib.C_GenerateKeyPair(
      this.session,
      { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
      [
        ...common,
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
        { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS },
        { type: pkcs11js.CKA_VERIFY, value: true },
      ],
      [
        ...common,
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
        { type: pkcs11js.CKA_SIGN, value: true },
      ],
    );
    return { privateKey: keys.privateKey, publicKey: keys.publicKey };
  }

  publicKeyOf(handle: Buffer) {
    const [attribute] = this.lib.C_GetAttributeValue(this.session, handle, [
      { type: pkcs11js.CKA_EC_POINT },
    ]);
    const point = ecPoint(attribute.value as Buffer);
    return createPublicKey({
      key: Buffer.concat([P256_SPKI_PREFIX, point]),
      format: 'der',
      type: 'spki',
    });
  }

  /** ECDSA over a digest inside the token: r ‖ s, 64 bytes. */
  signEcdsa(privateKey: Buffer, digest: Buffer): Buffer {
    this.lib.C_SignInit(
      this.session,
      { mechanism: pkcs11js.CKM_ECDSA, parameter: undefined },
      privateKey,
    );
    return Buffer.from(this.lib.C_Sign(this.session, digest, Buffer.alloc(64)));
  }

  private find(template: pkcs11js.Template): Buffer[] {
    this.lib.C_FindObjectsInit(this.session, template);
    try {
      const handles: Buffer[] = [];
      for (;;) {
        const batch = this.lib.C_FindObjects(this.session, 64);
        if (!batch.length) return handles;
        handles.push(...batch);
      }
    } finally {
      this.lib.C_FindObjectsFinal(this.session);
    }
  }

  private label(handle: Buffer): string {
    const [attribute] = this.lib.C_GetAttributeValue(this.session, handle, [
      { type: pkcs11js.CKA_LABEL },
    ]);
    return (attribute.value as Buffer).toString('utf8');
  }

  private id(handle: Buffer): Buffer {
    const [attribute] = this.lib.C_GetAttributeValue(this.session, handle, [
      { type: pkcs11js.CKA_ID },
    ]);
    return attribute.value as Buffer;
  }
}
