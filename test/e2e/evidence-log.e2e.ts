import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { runEvidenceCommand } from '../../server/src/cli/evidence.command';
import { DatabaseService } from '../../server/src/database/database.service';
import type { EvidenceBundle } from '../../server/src/evidence/verifier/bundle';
import { treeHeadBytes } from '../../server/src/evidence/verifier/tree-head';
import { http } from '../support/http';
import { startLocalTsa, type LocalTsa } from '../support/local-tsa';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

const run = promisify(execFile);

/** Runs `zegel evidence …` in this process, capturing what it prints. */
async function evidence(args: string[], env?: Record<string, string>) {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: await runEvidenceCommand(args, env), out };
  } finally {
    process.stdout.write = write;
  }
}

/**
 * The transparency log end to end: tree heads signed by the leader and timestamped by an RFC 3161
 * TSA (openssl behind HTTP), a bundle that verifies offline with the documented commands, and an
 * audit that names the event whose stored bytes changed.
 */
jest.setTimeout(60_000);

describe('evidence log', () => {
  let tsa: LocalTsa;
  let zegel: RunningZegel;
  let z: ZegelClient;
  let dir: string;
  let messageId: string;

  beforeAll(async () => {
    tsa = await startLocalTsa();
    zegel = await startZegel({
      env: { ZEGEL_EVIDENCE_TREE_HEAD_SECONDS: '1', ZEGEL_TSA_URL: tsa.url },
    });
    z = new ZegelClient(zegel.url);
    dir = mkdtempSync(join(tmpdir(), 'zegel-bundle-'));
    messageId = (await z.submit({ recipients: [{ address: 'a@example.nl' }] })).id;
  });

  afterAll(async () => {
    await zegel?.close();
    await tsa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function provenBundle(): Promise<EvidenceBundle> {
    for (let i = 0; i < 100; i++) {
      const res = await http(`${zegel.url}/api/v1/messages/${messageId}/evidence`);
      expect(res.status).toBe(200);
      const bundle = res.json<EvidenceBundle>();
      if (
        bundle.events.length &&
        bundle.inclusion.length === bundle.events.length &&
        bundle.treeHead?.timestampToken
      )
        return bundle;
      await sleep(200);
    }
    throw new Error('no timestamped tree head took the events in');
  }

  it('exports a bundle that verifies offline, with its timestamp', async () => {
    const bundle = await provenBundle();
    expect(tsa.requests()).toBeGreaterThan(0);
    const jwk = (await http(`${zegel.url}/api/v1/evidence/public-key`)).json<object>();
    writeFileSync(join(dir, 'key.jwk'), JSON.stringify(jwk));
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const result = await evidence([
      'verify', join(dir, 'bundle.json'), '--key', join(dir, 'key.jwk'), '--tsa-ca', tsa.caFile,
    ]); // prettier-ignore
    expect(result.out).toContain('VALID');
    expect(result.out).toContain('chains to the given CA');
    expect(result.code).toBe(0);
  });

  it('checks the tree head signature, the timestamp and an event signature with openssl alone (docs/evidence.md)', async () => {
    const bundle = await provenBundle();
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const jwk = (await http(`${zegel.url}/api/v1/evidence/public-key`)).json<object>();
    writeFileSync(
      join(dir, 'zegel-evidence.pem'),
      createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }),
    );
    // The commands exactly as docs/evidence.md gives them.
    const script = `set -e
jq -cj '.treeHead | {rootHash, time, treeSize, v}' bundle.json > sth.json
jq -r '.treeHead.signature' bundle.json | tr '_-' '/+' | sed 's/$/==/' | base64 -d > sth.sig
openssl pkeyutl -verify -pubin -inkey zegel-evidence.pem -rawin -in sth.json -sigfile sth.sig
jq -r '.treeHead.timestampToken' bundle.json | base64 -d > token.der
openssl ts -verify -token_in -in token.der -data sth.json -CAfile ${tsa.caFile}
jq -r '.events[0].hash' bundle.json | xxd -r -p > event.hash
jq -r '.events[0].signature' bundle.json | tr '_-' '/+' | sed 's/$/==/' | base64 -d > event.sig
openssl pkeyutl -verify -pubin -inkey zegel-evidence.pem -rawin -in event.hash -sigfile event.sig
`;
    const out = await run('bash', ['-c', script], { cwd: dir });
    expect(out.stdout.match(/Signature Verified Successfully/g)).toHaveLength(2);
    expect(out.stdout).toContain('Verification: OK');
    expect(readFileSync(join(dir, 'sth.json'))).toEqual(treeHeadBytes(bundle.treeHead!));
  });

  it('calls a bundle with a changed event invalid, and names the event', async () => {
    const bundle = await provenBundle();
    bundle.events[0].actor = `${bundle.events[0].actor}x`;
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(bundle));
    const result = await evidence([
      'verify', join(dir, 'changed.json'), '--key', join(dir, 'key.jwk'),
    ]); // prettier-ignore
    expect(result.code).toBe(1);
    expect(result.out).toContain('INVALID');
    expect(result.out).toContain(bundle.events[0].id);
  });

  it('refuses a bundle that is not JSON, or a key that is not a key, with a clear message', async () => {
    writeFileSync(join(dir, 'junk.json'), '{not json');
    expect(
      (await evidence(['verify', join(dir, 'junk.json'), '--key', join(dir, 'key.jwk')])).code,
    ).toBe(65);
    expect(
      (await evidence(['verify', join(dir, 'bundle.json'), '--key', join(dir, 'junk.json')])).code,
    ).toBe(65);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ format: 'something else' }));
    const other = await evidence([
      'verify',
      join(dir, 'other.json'),
      '--key',
      join(dir, 'key.jwk'),
    ]);
    expect(other.code).toBe(1);
    expect(other.out).toContain('not a zegel-evidence-bundle');
  });

  it('audits the whole log, and names the event in which one stored byte was flipped', async () => {
    await provenBundle();
    const env = {
      ZEGEL_DATA_DIR: zegel.dataDir,
      ZEGEL_KEY_DIR: zegel.keyDir,
      ...(zegel.config.database.type === 'postgres'
        ? { ZEGEL_DATABASE_URL: zegel.config.database.url }
        : {}),
    };
    const intact = await evidence(['audit'], env);
    expect(intact.out).toContain('intact');
    expect(intact.code).toBe(0);

    const db = zegel.app.get(DatabaseService).manager;
    const [row] = (await db.query(
      'SELECT "seq", "id", "actor" FROM evidence_events ORDER BY "seq" DESC LIMIT 1',
    )) as { seq: number; id: string; actor: string }[];
    const flipped = String.fromCharCode(row.actor.charCodeAt(3) ^ 1);
    const actor = row.actor.slice(0, 3) + flipped + row.actor.slice(4);
    await db.query(
      zegel.config.database.type === 'postgres'
        ? 'UPDATE evidence_events SET "actor" = $1 WHERE "seq" = $2'
        : 'UPDATE evidence_events SET "actor" = ? WHERE "seq" = ?',
      [actor, row.seq],
    );
    const broken = await evidence(['audit'], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`event ${row.id}`);
    expect(broken.out).toContain('does not match its hash');
  });
});
