import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrphanSweepService } from '../../server/src/vault/orphan-sweep.service';
import { startZegel, type RunningZegel } from '../support/server';
import { collectAttachment, submitWithAttachment } from '../support/vault-roundtrip';

const HOUR = 3_600_000;

/** Every blob file (not temporary) under the local blob store. */
function blobFiles(dataDir: string): string[] {
  const root = join(dataDir, 'blobs');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
    .map((e) => e.name)
    .sort();
}

/** Plants a file in the local blob store as a crash would leave it, written `ageMs` ago. */
function plant(dataDir: string, name: string, blobId: string, ageMs: number): string {
  const dir = join(dataDir, 'blobs', blobId.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, randomBytes(100));
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
  return path;
}

/**
 * What a SIGKILL leaves in the local blob store (a finished blob whose message never committed, and
 * temporary files of writes that never finished) is removed at start and by the periodic sweep;
 * blobs that messages refer to, and anything recent, stay.
 */
describe('orphan sweep (local blob store)', () => {
  let zegel: RunningZegel;

  afterEach(async () => {
    await zegel?.close();
  });

  it('removes old orphans and leftovers at start, and keeps fresh ones and referenced blobs', async () => {
    zegel = await startZegel();
    const attachment = randomBytes(50_000);
    const copy = await submitWithAttachment(zegel, 'kept@example.nl', attachment);
    const referenced = blobFiles(zegel.dataDir);
    expect(referenced.length).toBeGreaterThanOrEqual(2);
    await zegel.close({ keepFiles: true });

    const oldOrphan = randomBytes(16).toString('hex');
    const freshOrphan = randomBytes(16).toString('hex');
    const oldTemp = plant(zegel.dataDir, `.${oldOrphan}.a1b2c3.tmp`, oldOrphan, 7 * HOUR);
    const freshTemp = plant(zegel.dataDir, `.${freshOrphan}.d4e5f6.tmp`, freshOrphan, 1000);
    plant(zegel.dataDir, oldOrphan, oldOrphan, 7 * HOUR);
    plant(zegel.dataDir, freshOrphan, freshOrphan, 1000);

    zegel = await startZegel({
      root: zegel.root,
      databaseUrl:
        zegel.config.database.type === 'postgres' ? zegel.config.database.url : undefined,
    });
    // The start-up pass runs in the background; a second call waits for it.
    await zegel.app.get(OrphanSweepService).sweep();
    expect(existsSync(oldTemp)).toBe(false);
    expect(existsSync(freshTemp)).toBe(true);
    expect(blobFiles(zegel.dataDir)).toEqual([...referenced, freshOrphan].sort());
    expect((await collectAttachment(zegel, copy)).equals(attachment)).toBe(true);
  });

  it('removes a fresh orphan on a later pass, once it is past the minimum age', async () => {
    zegel = await startZegel({ env: { ZEGEL_ORPHAN_MIN_AGE_MINUTES: '30' } });
    await submitWithAttachment(zegel, 'later@example.nl', randomBytes(1000));
    const referenced = blobFiles(zegel.dataDir);
    const orphan = randomBytes(16).toString('hex');
    plant(zegel.dataDir, orphan, orphan, 10 * 60_000);
    const sweeper = zegel.app.get(OrphanSweepService);
    expect(await sweeper.sweep()).toEqual({ deletedBlobs: 0, removedTemp: 0 });
    expect(await sweeper.sweep(Date.now() + 25 * 60_000)).toEqual({
      deletedBlobs: 1,
      removedTemp: 0,
    });
    expect(blobFiles(zegel.dataDir)).toEqual(referenced);
  });
});
