import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes SQLite's committed transactions durable by fsyncing its write-ahead log from the thread
 * pool, so the event loop never waits on the disk. SQLite runs with `synchronous=NORMAL`: a COMMIT
 * writes its frames to the `-wal` file (write(2), in the page cache) and returns; `flush()` then
 * fsyncs that file. A commit whose frames were written before an fsync started is on disk when
 * that fsync returns, exactly as with `synchronous=FULL`, which fsyncs the same file inside COMMIT.
 * Several commits that happen while one fsync runs share the next one (group commit of fsyncs).
 * NORMAL alone keeps the database consistent across a crash (the log is fsynced before every
 * checkpoint); the fsync here adds the durability of each answered commit.
 */
export class WalFlush {
  private inFlight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private directorySynced = false;

  constructor(private readonly databasePath: string) {}

  /** Resolves once an fsync of the log that started after this call has completed. */
  flush(): Promise<void> {
    if (!this.inFlight) return this.start();
    // The running fsync may have started before the caller's commit: it needs the next one.
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = this.sync().finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async sync(): Promise<void> {
    await fsyncPath(`${this.databasePath}-wal`);
    if (!this.directorySynced && process.platform !== 'win32') {
      // The log file's directory entry (created when the database was opened) must be durable too.
      await fsyncPath(dirname(this.databasePath));
      this.directorySynced = true;
    }
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
