import { createHash, createPublicKey } from 'node:crypto';
import { loadConfig, type ZegelConfig } from '../config/config';
import { jwkThumbprint, LocalKeyDirectory } from '../vault/local-key-directory';
import { openKeyStore } from '../vault/key-store.factory';
import { openBlobStore } from '../vault/vault.module';

const USAGE = `Usage: zegel keys <init|rotate|rotate-signing> [--json]

  init     create the key material if it does not exist yet: the first key-encryption key, the
           CE-ID hashing secret and the evidence signing key, in the key store that ZEGEL_KEY_STORE
           names (the key directory by default). Safe to run again, and from several processes at
           once: every run ends with the same keys.
  rotate   make a new key-encryption key current. New data keys are wrapped with it; data keys
           wrapped before stay readable with the old one, which is kept. Running instances pick up
           the new key within a minute (key files) or at their next start (HSM, Key Vault).
  rotate-signing
           make a new evidence signing key current (key files only; in an HSM or Key Vault create
           the new key there). The old key is kept, and its public key stays published in
           published-evidence.json, so audits and bundles still verify what it signed. Running
           instances sign with the new key from their next start.

Settings come from the same ZEGEL_* variables as the server (docs/configuration.md).
`;

/** The CE-ID pepper: a named secret every instance must share (see pickup/messages). */
const SHARED_SECRETS: [string, number][] = [['ceid-pepper', 32]];

interface InitResult {
  keyStore: string;
  currentKek: string;
  signingKeys: Record<string, string>;
  /** SHA-256 of each secret (never the secret), so two runs can be compared. */
  secrets: Record<string, string>;
}

async function init(config: ZegelConfig): Promise<InitResult> {
  const files = new LocalKeyDirectory(config.keyDir);
  files.ensureDir();
  const secrets: Record<string, string> = {};
  for (const [name, bytes] of SHARED_SECRETS) {
    const secret = files.secret(name, bytes, true)!;
    secrets[name] = createHash('sha256').update(secret).digest('hex');
  }
  const settings = config.keyStore;
  if (settings.type === 'pkcs11') {
    const { Pkcs11KeyStore } = await import('../vault/pkcs11-key-store.adapter');
    const made = Pkcs11KeyStore.init(settings, ['evidence']);
    return { keyStore: 'pkcs11', currentKek: made.currentKek, signingKeys: made.signers, secrets };
  }
  if (settings.type === 'azure-key-vault') {
    const { AzureKeyVaultKeyStore } = await import('../vault/azure-key-vault-key-store.adapter');
    const { DefaultAzureCredential } = await import('@azure/identity');
    const made = await AzureKeyVaultKeyStore.init({
      ...settings,
      credential: new DefaultAzureCredential(),
      caFile: config.smarttls.caFile,
    });
    return {
      keyStore: 'azure-key-vault',
      currentKek: made.currentKek,
      signingKeys: made.signers,
      secrets,
    };
  }
  const currentKek = files.currentOrCreate();
  const signing = files.signingKey('evidence', true)!;
  return {
    keyStore: 'local',
    currentKek,
    signingKeys: { evidence: jwkThumbprint(createPublicKey(signing)) },
    secrets,
  };
}

async function rotate(config: ZegelConfig): Promise<{ previousKek: string; currentKek: string }> {
  const blobs = await openBlobStore(config);
  const keys = await openKeyStore(config, await blobs.hasBlobs());
  try {
    const previousKek = keys.currentKekId;
    return { previousKek, currentKek: await keys.rotateKek() };
  } finally {
    await keys.close();
  }
}

async function rotateSigning(
  config: ZegelConfig,
): Promise<{ previousKeyId: string; currentKeyId: string }> {
  const blobs = await openBlobStore(config);
  const keys = await openKeyStore(config, await blobs.hasBlobs());
  try {
    const previousKeyId = (await keys.signer('evidence')).keyId;
    return { previousKeyId, currentKeyId: await keys.rotateSigner('evidence') };
  } finally {
    await keys.close();
  }
}

/** `zegel keys init|rotate|rotate-signing`: the key ceremony and key rotation (docs/deployment.md). */
export async function runKeysCommand(args: string[], env = process.env): Promise<number> {
  const json = args.includes('--json');
  const [verb, ...rest] = args.filter((a) => a !== '--json');
  if (!verb || verb === '--help' || verb === '-h' || rest.length) {
    (verb ? process.stderr : process.stdout).write(USAGE);
    return verb === '--help' || verb === '-h' ? 0 : 64;
  }
  if (verb !== 'init' && verb !== 'rotate' && verb !== 'rotate-signing') {
    process.stderr.write(`zegel keys: unknown subcommand "${verb}"\n\n${USAGE}`);
    return 64;
  }
  const config = loadConfig(env);
  if (verb === 'init') {
    const result = await init(config);
    process.stdout.write(
      json
        ? `${JSON.stringify(result)}\n`
        : `Key store: ${result.keyStore}\nCurrent key-encryption key: ${result.currentKek}\n` +
            Object.entries(result.signingKeys)
              .map(([name, id]) => `Signing key "${name}": ${id}\n`)
              .join('') +
            Object.keys(result.secrets)
              .map((name) => `Secret "${name}": present in ${config.keyDir}\n`)
              .join(''),
    );
    return 0;
  }
  if (verb === 'rotate-signing') {
    const signing = await rotateSigning(config);
    process.stdout.write(
      json
        ? `${JSON.stringify(signing)}\n`
        : `New evidence signing key ${signing.currentKeyId} is current; ${signing.previousKeyId} ` +
            'stays published for the evidence it signed.\n',
    );
    return 0;
  }
  const result = await rotate(config);
  process.stdout.write(
    json
      ? `${JSON.stringify(result)}\n`
      : `New key-encryption key ${result.currentKek} is current; ${result.previousKek} stays for ` +
          'data keys wrapped before.\n',
  );
  return 0;
}
