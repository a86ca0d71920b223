import 'reflect-metadata';
import type Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import { openMigratedDatabase, testDatabaseEngine } from '../support/database';

const onSqlite = testDatabaseEngine() === 'sqlite' ? describe : describe.skip;

/**
 * SQLite's log is copied back into the database file by the DatabaseService's checkpoint worker,
 * never inside a COMMIT on the event loop, and it still starts anew and empties when asked.
 */
onSqlite('SQLite log checkpoints beside the event loop', () => {
  let db: DatabaseService;
  let close: () => Promise<void>;
  let path: string;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDatabase('zegel-wal-checkpoint-'));
    path = db.dataSource.options.database as string;
    await db.manager.query('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB)');
  });
  afterAll(() => close?.());

  const commitPages = async (frames: number) => {
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < frames / 5; i++)
      work.push(
        db.transaction((tx) =>
          runSql(tx, 'INSERT INTO scratch (body) VALUES (?), (?), (?), (?), (?)', [
            ...Array.from({ length: 5 }, () => Buffer.alloc(4000, i)),
          ]),
        ),
      );
    await Promise.all(work);
  };
  /**
   * Frames in the log now, read from the wal-index header in the `-shm` file (mxFrame, a native
   * 32-bit integer at offset 16; sqlite.org/walformat.html), so that looking copies nothing back.
   */
  const logFrames = () => readFileSync(`${path}-shm`).readUInt32LE(16);

  it('never checkpoints inside a COMMIT of the main connection', () => {
    const main = (db.dataSource.driver as unknown as { databaseConnection: Database.Database })
      .databaseConnection;
    expect(main.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('copies the log back after commits, so that it starts anew instead of growing', async () => {
    await commitPages(3000);
    const grown = logFrames();
    expect(grown).toBeGreaterThanOrEqual(3000);
    const deadline = Date.now() + 10_000;
    let frames = grown;
    while (frames >= grown && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await commitPages(5);
      frames = logFrames();
    }
    expect(frames).toBeLessThan(100);
  });

  it('still empties the log on purpose (final deletion) while the worker holds its connection', async () => {
    await commitPages(500);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await db.purgeDeletedPages();
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(existsSync(path)).toBe(true);
  });
});
