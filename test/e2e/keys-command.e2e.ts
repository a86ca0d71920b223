import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runKeysCommand } from '../../server/src/cli/keys.command';
import { DatabaseService } from '../../server/src/database/database.service';
import { buildServer } from '../support/server-process';
import { startZegel, type RunningZegel } from '../support/server';
import { collectAttachment, submitWithAttachment } from '../support/vault-roundtrip';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** Runs `zegel keys …` in this process with the given env, capturing what it prints. */
async function keys(args: string[], env: Record<string, string>) {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await runKeysCommand(args, env);
    return { code, out };
  } finally {
    process.stdout.write = write;
  }
}

async function wrappedKeys(zegel: RunningZegel): Promise<Map<string, string>> {
  const rows = (await zegel.app
    .get(DatabaseService)
    .manager.query('SELECT "messageId", "wrapped" FROM message_keys')) as {
    messageId: string;
    wrapped: string;
  }[];
  return new Map(rows.map((r) => [r.messageId, r.wrapped.split('.')[1]]));
}

describe('zegel keys', () => {
  it('rotate: new data is sealed with the new key, and old data stays readable', async () => {
    let zegel = await startZegel();
    // The command reads the server's own settings (here: the test server's).
    const env = {
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_DATA_DIR: zegel.dataDir,
      ZEGEL_KEY_DIR: zegel.keyDir,
      ...(zegel.config.database.type === 'postgres'
        ? { ZEGEL_DATABASE_URL: zegel.config.database.url }
        : {}),
    };
    const oldAttachment = randomBytes(40_000);
    const before = await submitWithAttachment(zegel, 'before@example.nl', oldAttachment);
    const firstKek = (await wrappedKeys(zegel)).get(before.id)!;
    await zegel.close({ keepFiles: true });

    const rotated = await keys(['rotate', '--json'], env);
    expect(rotated.code).toBe(0);
    const { previousKek, currentKek } = JSON.parse(rotated.out) as Record<string, string>;
    expect(previousKek).toBe(firstKek);
    expect(currentKek).toMatch(/^[0-9a-f]{16}$/);
    expect(currentKek).not.toBe(firstKek);

    zegel = await startZegel({
      root: zegel.root,
      databaseUrl:
        zegel.config.database.type === 'postgres' ? zegel.config.database.url : undefined,
    });
    try {
      const newAttachment = randomBytes(40_000);
      const after = await submitWithAttachment(zegel, 'after@example.nl', newAttachment);
      const kekOf = await wrappedKeys(zegel);
      expect(kekOf.get(before.id)).toBe(firstKek);
      expect(kekOf.get(after.id)).toBe(currentKek);
      expect((await collectAttachment(zegel, before)).equals(oldAttachment)).toBe(true);
      expect((await collectAttachment(zegel, after)).equals(newAttachment)).toBe(true);
      expect(
        readdirSync(zegel.keyDir)
          .filter((f) => f.startsWith('kek-'))
          .sort(),
      ).toEqual([`kek-${firstKek}.key`, `kek-${currentKek}.key`].sort());
    } finally {
      await zegel.close();
    }
  });

  it('init: processes starting at once on one key directory end with the same keys', async () => {
    buildServer();
    const root = mkdtempSync(join(tmpdir(), 'zegel-keys-race-'));
    try {
      const keyDir = join(root, 'keys');
      const env = { PATH: process.env.PATH ?? '', ZEGEL_AUTH_MODE: 'dev', ZEGEL_KEY_DIR: keyDir };
      // Half of them run the key ceremony, the other half open the store as a starting server does
      // (each on its own data directory), all at the same moment.
      const openStore = `
        const { LocalKeyStore } = require(${JSON.stringify(join(ROOT, 'server', 'dist', 'vault', 'key-store.adapter.js'))});
        const { createHash } = require('node:crypto');
        const store = LocalKeyStore.open(process.env.ZEGEL_KEY_DIR, process.argv[1]);
        const pepper = createHash('sha256').update(store.getOrCreateSecret('ceid-pepper')).digest('hex');
        store.signer('evidence').then((s) => console.log(JSON.stringify({
          currentKek: store.currentKekId, signingKeys: { evidence: s.keyId }, secrets: { 'ceid-pepper': pepper },
        })));`;
      const runs = Array.from({ length: 8 }, (_, i) =>
        i % 2
          ? run(
              process.execPath,
              [join(ROOT, 'server', 'bin', 'zegel.js'), 'keys', 'init', '--json'],
              { env, cwd: root },
            )
          : run(process.execPath, ['-e', openStore, join(root, `data-${i}`)], { env, cwd: root }),
      );
      const results = (await Promise.all(runs)).map(({ stdout }) => {
        const parsed = JSON.parse(stdout) as Record<string, unknown>;
        delete parsed.keyStore;
        return parsed;
      });
      for (const result of results) expect(result).toEqual(results[0]);
      const files = readdirSync(keyDir).sort();
      expect(files).toEqual([
        'current-kek',
        `kek-${results[0].currentKek as string}.key`,
        'secret-ceid-pepper.key',
        'signing-evidence.pem',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('answers usage errors with status 64', async () => {
    expect((await keys(['frobnicate'], {})).code).toBe(64);
    expect((await keys([], {})).code).toBe(64);
  });
});
