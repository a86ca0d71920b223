import { Worker } from 'node:worker_threads';

/**
 * How often the log is copied back while commits come in: each copy fsyncs the log and the file, and
 * every 200 ms those fsyncs stood in the way of the commits' own (API intake within the noise, and
 * lower in three of five pairs); once a second is about as often as SQLite's own under load.
 */
const INTERVAL_MS = 1000;
/** A log this long is completed with commits held back, so the next commit starts it anew. */
const RESTART_FRAMES = 2000;

/**
 * The worker's whole program: its own connection to the database file, which answers each request
 * with one PASSIVE checkpoint (`{ busy, log, checkpointed }`: frames in the log, frames copied).
 * Inline so that it runs the same from the build and from the TypeScript sources the tests load.
 * FULL, so that a checkpoint fsyncs the log before it copies and the database file after.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
parentPort.on('message', (id) => {
  if (id === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
parentPort.postMessage({ id: 0, result: null });
`;

export interface CheckpointResult {
  /** The checkpoint could not start (another one ran). */
  busy: number;
  /** Frames in the log. */
  log: number;
  /** Frames of the log now in the database file. */
  checkpointed: number;
}

interface Options {
  /** The main connection's pragma, to hand checkpoints back to SQLite when the worker is gone. */
  pragma(sql: string): unknown;
  /**
   * Runs work while no transaction commits (the group commit's `runAlone`): waits asynchronously,
   * so the event loop goes on serving requests.
   */
  holdCommits<T>(work: () => Promise<T>): Promise<T>;
  warn(message: string, error?: unknown): void;
  /** better-sqlite3's module path (a test passes one that fails to load). */
  driver?: string;
  intervalMs?: number;
  restartFrames?: number;
}

/**
 * Copies SQLite's write-ahead log back into the database file (a checkpoint) from a worker thread.
 * SQLite does this itself inside the COMMIT that passes 1,000 frames, on the only connection, which
 * is the event loop's: every few hundred messages all HTTP and SMTP work stopped for the copy and
 * its two fsyncs (3–17 ms each time; 260 ms over 2,000 connector mails). The main connection now
 * never checkpoints (`wal_autocheckpoint = 0`) and this class does, beside it:
 *
 * - a second after a commit, a PASSIVE checkpoint in the worker copies what the log holds while
 *   commits go on (a passive checkpoint blocks neither readers nor the writer);
 * - once the log is 2,000 frames long and that copy could not take all of it (commits came in
 *   meanwhile), one more checkpoint runs with commits held back (asynchronously: only writes wait,
 *   a few milliseconds), so that the log is complete in the database file and the next commit
 *   starts writing it from the beginning. Without that pause a log under steady load never ends in
 *   a moment with nothing left to copy, and would only grow.
 *
 * The worker starts with the first checkpoint, so a server that never commits never pays for its
 * start (a new thread loading the driver: about 70 ms of CPU).
 *
 * Durability does not change: a commit is answered after the log's fsync (WalFlush); a checkpoint
 * fsyncs the log before copying and the database file after, whichever connection runs it. If the
 * worker cannot start or fails, SQLite's own checkpoints are switched back on.
 */
export class WalCheckpointer {
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  private dirty = false;
  private stopping?: Promise<void>;
  private nextId = 1;
  private readonly waiting = new Map<number, (outcome: CheckpointResult | Error) => void>();
  /** Checkpoints (and `exclusive` work) one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  /** The worker's start, on the first checkpoint: a server that never commits never pays for it. */
  private ready?: Promise<boolean>;

  constructor(
    private readonly path: string,
    private readonly options: Options,
  ) {
    // Checkpoints are off on the main connection from here on; `fallBack` turns them on again.
    this.options.pragma('wal_autocheckpoint = 0');
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? INTERVAL_MS);
    this.timer.unref();
  }

  private startWorker(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: {
            path: this.path,
            driver: this.options.driver ?? require.resolve('better-sqlite3'),
          },
        });
      } catch (error) {
        this.fallBack(error);
        resolve(false);
        return;
      }
      worker.unref();
      worker.on('message', (message: { id: number; result?: CheckpointResult; error?: string }) => {
        if (message.id === 0) {
          this.worker = worker;
          resolve(true);
          return;
        }
        const settle = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        settle?.(message.result ?? new Error(message.error ?? 'checkpoint failed'));
      });
      // Before it was ready or while in use, a worker that fails or exits hands checkpoints back.
      let gone = false;
      const lost = (error: unknown) => {
        if (gone) return;
        gone = true;
        if (!this.stopping) this.fallBack(error);
        resolve(false);
      };
      worker.on('error', lost);
      worker.on('exit', () => lost(new Error('the checkpoint worker exited')));
    });
  }

  /** Since the last checkpoint a commit was made: the next tick copies it back. */
  noteCommit(): void {
    this.dirty = true;
  }

  private tick(): void {
    if (!this.dirty) return;
    this.dirty = false;
    void this.exclusive(() => this.copyBack()).catch((error: unknown) => {
      // After a fallback, `fallBack` has said so and SQLite checkpoints on its own.
      if (this.timer)
        this.options.warn('WAL checkpoint failed; it runs again after the next commit', error);
    });
  }

  /** One round: copy while commits go on, then complete a long log with commits held back. */
  async copyBack(): Promise<CheckpointResult> {
    const first = await this.checkpoint();
    const restart = this.options.restartFrames ?? RESTART_FRAMES;
    if (first.log < restart || first.checkpointed === first.log) return first;
    return this.options.holdCommits(() => this.checkpoint());
  }

  /** Work that must not overlap a checkpoint of the worker (a TRUNCATE checkpoint of the main). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async checkpoint(): Promise<CheckpointResult> {
    const worker = (await (this.ready ??= this.startWorker())) ? this.worker : undefined;
    if (!worker) throw new Error('the checkpoint worker is not running');
    const id = this.nextId++;
    const outcome = await new Promise<CheckpointResult | Error>((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage(id);
    });
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /** Stops the worker (its connection closed first, so the main connection's close is the last). */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.chain;
    const started = await this.ready;
    const worker = this.worker;
    this.worker = undefined;
    this.options.pragma('wal_autocheckpoint = 1000');
    if (!started || !worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
  }

  private fallBack(error: unknown): void {
    this.worker = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const settle of this.waiting.values()) settle(new Error('the checkpoint worker stopped'));
    this.waiting.clear();
    this.options.pragma('wal_autocheckpoint = 1000');
    this.options.warn('WAL checkpoints run on the main connection again', error);
  }
}
