import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runEvidenceCommand } from '../../server/src/cli/evidence.command';
import { runKeysCommand } from '../../server/src/cli/keys.command';
import type { EvidenceBundle } from '../../server/src/evidence/verifier/bundle';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

/** Runs a CLI command in this process, capturing what it prints. */
async function cli(run: () => Promise<number>) {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await run(), out };
  } finally {
    process.stdout.write = write;
  }
}

/**
 * A signing-key rotation: events signed by the old key still audit and still verify in a bundle,
 * which carries every published key; a verifier that pins only the new key refuses the old events.
 */
jest.setTimeout(60_000);

describe('evidence after a signing-key rotation', () => {
  let zegel: RunningZegel | undefined;
  let dir: string;

  afterAll(async () => {
    await zegel?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('audits and verifies events signed by the old and the new key', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-rotation-'));
    const settings = { ZEGEL_EVIDENCE_TREE_HEAD_SECONDS: '1' };
    let server = await startZegel({ env: settings });
    zegel = server;
    const env = {
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_DATA_DIR: server.dataDir,
      ZEGEL_KEY_DIR: server.keyDir,
      ...(server.config.database.type === 'postgres'
        ? { ZEGEL_DATABASE_URL: server.config.database.url }
        : {}),
    };
    const before = await new ZegelClient(server.url).submit({
      recipients: [{ address: 'a@example.nl' }],
    });
    const oldKey = (await http(`${server.url}/api/v1/evidence/public-key`)).json<{ kid: string }>();
    await server.close({ keepFiles: true });
    zegel = undefined;

    const rotated = await cli(() => runKeysCommand(['rotate-signing', '--json'], env));
    expect(rotated.code).toBe(0);
    const { previousKeyId, currentKeyId } = JSON.parse(rotated.out) as Record<string, string>;
    expect(previousKeyId).toBe(oldKey.kid);
    expect(currentKeyId).not.toBe(oldKey.kid);

    server = await startZegel({
      root: server.root,
      env: settings,
      databaseUrl:
        server.config.database.type === 'postgres' ? server.config.database.url : undefined,
    });
    zegel = server;
    const newKey = (await http(`${server.url}/api/v1/evidence/public-key`)).json<{ kid: string }>();
    expect(newKey.kid).toBe(currentKeyId);
    await new ZegelClient(server.url).submit({ recipients: [{ address: 'b@example.nl' }] });

    // The old message's events (old key) are still served, and its bundle carries both keys.
    let bundle: EvidenceBundle | undefined;
    for (let i = 0; i < 100 && !bundle; i++) {
      const res = await http(`${server.url}/api/v1/messages/${before.id}/evidence`);
      expect(res.status).toBe(200);
      const got = res.json<EvidenceBundle>();
      if (got.treeHead?.keyId === currentKeyId && got.inclusion.length === got.events.length)
        bundle = got;
      else await sleep(200);
    }
    if (!bundle) throw new Error('no tree head of the new key took the old events in');
    expect(bundle.events.every((e) => e.keyId === previousKeyId)).toBe(true);
    expect(bundle.keys.map((k) => k.kid).sort()).toEqual([previousKeyId, currentKeyId].sort());

    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    for (const k of bundle.keys)
      writeFileSync(join(dir, `${k.kid}.jwk`), JSON.stringify({ ...k.jwk, kid: k.kid }));
    const bothKeys = await cli(
      () =>
      runEvidenceCommand([
        'verify', join(dir, 'bundle.json'),
        '--key', join(dir, `${previousKeyId}.jwk`),
        '--key', join(dir, `${currentKeyId}.jwk`),
      ]), // prettier-ignore
    );
    expect(bothKeys.out).toContain('events: hashes, signatures (pinned key) and chain intact');
    expect(bothKeys.out).not.toContain('INVALID');
    const newOnly = await cli(() =>
      runEvidenceCommand([
        'verify',
        join(dir, 'bundle.json'),
        '--key',
        join(dir, `${currentKeyId}.jwk`),
      ]),
    );
    expect(newOnly.code).toBe(1);
    expect(newOnly.out).toContain('INVALID');

    const audit = await cli(() => runEvidenceCommand(['audit', '--json'], env));
    const result = JSON.parse(audit.out) as { ok: boolean; events: number; problem?: string };
    expect(result.problem).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(audit.code).toBe(0);
  });
});
