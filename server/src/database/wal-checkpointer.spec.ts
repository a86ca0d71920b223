import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

/** A SQLite file in WAL mode as the server opens it, with a table to write pages into. */
function openDatabase(dir: string): Database.Database {
  const db = new Database(join(dir, 'zegel.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, body BLOB)');
  return db;
}

/** About `frames` pages of the log: rows of one page each, ten rows per commit. */
function write(db: Database.Database, frames: number): void {
  const insert = db.prepare('INSERT INTO pages (body) VALUES (?)');
  const commit = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(Buffer.alloc(4000, i));
  });
  for (let done = 0; done < frames; done += 10) commit(10);
}

/**
 * Frames in the log now, read from the wal-index header in the `-shm` file (mxFrame, a native
 * 32-bit integer at offset 16; sqlite.org/walformat.html), so that looking copies nothing back.
 */
const logFrames = (db: Database.Database): number =>
  readFileSync(`${db.name}-shm`).readUInt32LE(16);

describe('WalCheckpointer', () => {
  let dir: string;
  let db: Database.Database;
  let checkpointer: WalCheckpointer | undefined;
  const warnings: string[] = [];
  const held: string[] = [];

  const start = (options: Partial<ConstructorParameters<typeof WalCheckpointer>[1]> = {}) =>
    (checkpointer = new WalCheckpointer(join(dir, 'zegel.sqlite'), {
      pragma: (sql) => db.pragma(sql),
      holdCommits: async (work) => {
        held.push('hold');
        return work();
      },
      warn: (message) => warnings.push(message),
      intervalMs: 60_000,
      ...options,
    }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-checkpointer-'));
    db = openDatabase(dir);
    warnings.length = 0;
    held.length = 0;
  });
  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns the main connection’s own checkpoints off while it runs, and on again when stopped', async () => {
    start();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    write(db, 100);
    await checkpointer!.copyBack(); // the worker starts with the first checkpoint
    await checkpointer!.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The worker's connection is closed: the main one is the last, and its close removes the log.
    db.close();
    expect(existsSync(join(dir, 'zegel.sqlite-wal'))).toBe(false);
  });

  it('copies the whole log back in the worker, so that the next commit starts the log anew', async () => {
    start();
    write(db, 3000);
    const result = await checkpointer!.copyBack();
    expect(result.log).toBeGreaterThanOrEqual(3000);
    expect(result.checkpointed).toBe(result.log);
    expect(held).toEqual([]); // complete at the first pass: commits never held back
    write(db, 10);
    expect(logFrames(db)).toBeLessThan(50);
  });

  it('without it the log only grows (what the test above would see had the worker done nothing)', () => {
    db.pragma('wal_autocheckpoint = 0');
    write(db, 3000);
    write(db, 10);
    expect(logFrames(db)).toBeGreaterThanOrEqual(3000);
  });

  it('completes a long log with commits held back when the first pass could not copy all of it', async () => {
    // A reader in the middle of a transaction keeps the frames after its snapshot in the log.
    const reader = new Database(join(dir, 'zegel.sqlite'));
    start({
      restartFrames: 1000,
      holdCommits: async (work) => {
        held.push('hold');
        reader.exec('COMMIT'); // the reader is done by the time commits are held back
        return work();
      },
    });
    write(db, 1500);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM pages').get();
    write(db, 1500);
    const result = await checkpointer!.copyBack();
    reader.close();
    expect(held).toEqual(['hold']);
    expect(result.checkpointed).toBe(result.log);
    write(db, 10);
    expect(logFrames(db)).toBeLessThan(50);
  });

  it('does not hold commits back for a log shorter than the restart length', async () => {
    start({ restartFrames: 100_000 });
    write(db, 500);
    const reader = new Database(join(dir, 'zegel.sqlite'));
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM pages').get();
    write(db, 500);
    const result = await checkpointer!.copyBack();
    reader.close();
    expect(result.checkpointed).toBeLessThan(result.log);
    expect(held).toEqual([]);
  });

  it('runs on its own after a commit, on its interval', async () => {
    start({ intervalMs: 20 });
    write(db, 3000);
    checkpointer!.noteCommit();
    const deadline = Date.now() + 10_000;
    let frames = Infinity;
    while (frames >= 50 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      write(db, 10);
      checkpointer!.noteCommit();
      frames = logFrames(db);
    }
    expect(frames).toBeLessThan(50);
  });

  it('hands checkpoints back to SQLite when the worker cannot start, and says so', async () => {
    start({ driver: join(dir, 'no-such-driver.js'), intervalMs: 10 });
    checkpointer!.noteCommit();
    await expect(checkpointer!.copyBack()).rejects.toThrow(/not running/);
    await new Promise((r) => setTimeout(r, 50)); // ticks after the fallback say nothing more
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(warnings).toEqual(['WAL checkpoints run on the main connection again']);
  });
});
