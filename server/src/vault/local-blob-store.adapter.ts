import { createReadStream } from 'node:fs';
import { mkdir, open, opendir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PassThrough, type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobId, BLOB_ID, BlobStore, type StoredEntry } from './blob-store';
import { BlobNotFoundError } from './vault.errors';

const TEMP_SUFFIX = '.tmp';
/** `.<blobId>.<random>.tmp`: an unfinished write (of `blobId`). */
const TEMP_NAME = /^\.([^.]*)\..*\.tmp$/;
/**
 * Bytes a file sink gathers before it writes. A megabyte per write(2) stores a large part about a
 * sixth faster than 256 KB did (bench/vault.bench.js, interleaved pairs); parts smaller than this
 * (most) are written once anyway. A large part in progress holds at most two batches (one
 * gathered, one being written).
 */
const WRITE_BATCH = 1024 * 1024;
/** Bytes of a part written between background fdatasyncs (see fileSink). */
const SYNC_EVERY = 16 * 1024 * 1024;
/** Bytes per read of a blob: one call into the thread pool per 256 KB instead of per 64 KB. */
const READ_BYTES = 256 * 1024;

/** fsync a directory so a rename or unlink in it survives a crash (a no-op where unsupported). */
async function syncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What the sink needs of an open file (a FileHandle). */
interface WritableFile {
  writev(buffers: Buffer[]): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
}

/**
 * A sink into an open file that leaves closing to the caller (who fsyncs first). Chunks are
 * gathered up to WRITE_BATCH bytes and written with one writev(2), so a part of a few kilobytes
 * costs one system call, not one per chunk the encryption emits, and no chunk is copied to make
 * the batch. One batch is written while the next is gathered: the stream waits only when a
 * second batch is full before the first is on disk, so a large part is encrypted and written at
 * the same time instead of in turns.
 *
 * Of a large part, every SYNC_EVERY bytes are handed to fdatasync(2) in the background while the
 * writing goes on, so the caller's closing fsync finds little left to flush (100 MB: about 45 ms
 * of it at the end before). That fsync still decides durability. A failed background sync fails
 * the stream: Linux reports a writeback error to one sync call only, and a later fsync could
 * otherwise succeed over lost pages.
 */
export function fileSink(handle: WritableFile, syncEvery = SYNC_EVERY): Writable {
  let gathered: Buffer[] = [];
  let size = 0;
  let writing: Promise<void> = Promise.resolve();
  let unsynced = 0;
  let syncing: Promise<void> | null = null;
  let syncError: unknown = null;
  /** Starts a background fdatasync once enough was written since the last one ended. */
  const syncIfDue = (written: number) => {
    unsynced += written;
    if (unsynced < syncEvery || syncing) return;
    unsynced = 0;
    syncing = handle.datasync().then(
      () => void (syncing = null),
      (error: unknown) => void ((syncError = error), (syncing = null)),
    );
  };
  const failIfSyncFailed = () => {
    if (syncError) throw syncError;
  };
  /** Starts writing what is gathered; resolves once the batch before it is written. */
  const flush = () => {
    const chunks = gathered;
    const bytes = size;
    gathered = [];
    size = 0;
    const before = writing;
    writing = before
      .then(failIfSyncFailed)
      .then(() => writeAll(handle, chunks))
      .then(() => syncIfDue(bytes));
    // Awaited by the next flush or by final; the stream may be destroyed before either.
    writing.catch(() => undefined);
    return before;
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      gathered.push(chunk);
      size += chunk.length;
      if (size < WRITE_BATCH) return done();
      flush().then(() => done(), done);
    },
    final(done) {
      if (size) void flush();
      writing
        .then(() => syncing)
        .then(failIfSyncFailed)
        .then(() => done(), done);
    },
  });
}

async function writeAll(handle: WritableFile, chunks: Buffer[]): Promise<void> {
  while (chunks.length) {
    const { bytesWritten } = await handle.writev(chunks);
    chunks = afterWritten(chunks, bytesWritten);
  }
}

/** What is left of `chunks` once the first `written` bytes are on disk (a short write). */
export function afterWritten(chunks: Buffer[], written: number): Buffer[] {
  let index = 0;
  while (index < chunks.length && written >= chunks[index].length)
    written -= chunks[index++].length;
  if (index === chunks.length) return [];
  return [chunks[index].subarray(written), ...chunks.slice(index + 1)];
}

/** The 256 shard directories, `00` to `ff`. */
const SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Blobs as files under `<dataDir>/blobs/<first two hex>/<blobId>`. A write creates the file under
 * its final name (exclusively), and fsyncs the directory while the content is written; it resolves
 * once the file is fsynced too. A crash in the middle leaves a file nothing refers to: the
 * database row that names a blob commits only after its write resolved, and the orphan sweep
 * removes old unreferenced blobs. (Earlier versions wrote to a temporary name and renamed it; such
 * leftovers are still listed as `temp` and swept.)
 */
export class LocalBlobStore extends BlobStore {
  /** All shard directories exist, durably: created together before the first write. */
  private shards: Promise<void> | null = null;

  constructor(readonly root: string) {
    super();
  }

  async write(blobId: string, content: Readable): Promise<void> {
    assertBlobId(blobId);
    const dir = join(this.root, blobId.slice(0, 2));
    const target = join(dir, blobId);
    const handle = await this.ensureShards()
      .then(() => open(target, 'wx', 0o600))
      .catch((error: unknown) => {
        // A shard directory was removed behind our back: the next write creates them again.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.shards = null;
        content.destroy();
        throw error;
      });
    // The new directory entry becomes durable while the content is written and fsynced.
    const entry = syncDir(dir);
    entry.catch(() => undefined);
    try {
      await pipeline(content, fileSink(handle));
      await handle.sync();
      await entry;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(target, { force: true }).catch(() => undefined);
      throw error;
    }
    await handle.close();
  }

  read(blobId: string): Readable {
    assertBlobId(blobId);
    const out = new PassThrough();
    const file = createReadStream(this.pathOf(blobId), { highWaterMark: READ_BYTES });
    file.on('error', (error: NodeJS.ErrnoException) => {
      out.destroy(error.code === 'ENOENT' ? new BlobNotFoundError(blobId) : error);
    });
    out.on('close', () => file.destroy());
    file.pipe(out);
    return out;
  }

  async delete(blobId: string): Promise<void> {
    assertBlobId(blobId);
    const dir = join(this.root, blobId.slice(0, 2));
    try {
      await rm(join(dir, blobId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await syncDir(dir);
  }

  /** True when the store holds at least one blob (temporary files do not count). */
  override async hasBlobs(): Promise<boolean> {
    for (const shard of await this.listDir(this.root)) {
      // Iterates lazily: stops at the first blob instead of listing a large directory.
      for await (const entry of await opendir(join(this.root, shard))) {
        if (!entry.name.endsWith(TEMP_SUFFIX)) return true;
      }
    }
    return false;
  }

  async *list(): AsyncIterable<StoredEntry> {
    for (const shard of await this.listDir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const dir = join(this.root, shard);
      for await (const entry of await opendir(dir).catch(() => [])) {
        const temp = TEMP_NAME.exec(entry.name);
        const blobId = temp ? temp[1] : entry.name;
        if (!temp && !BLOB_ID.test(blobId)) continue;
        const path = join(dir, entry.name);
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) continue;
        yield { kind: temp ? 'temp' : 'blob', blobId, name: path, modifiedMs: info.mtimeMs };
      }
    }
  }

  async removeTemp(entry: StoredEntry): Promise<void> {
    const shard = basename(dirname(entry.name));
    if (
      entry.kind !== 'temp' ||
      !TEMP_NAME.test(basename(entry.name)) ||
      join(this.root, shard, basename(entry.name)) !== entry.name
    ) {
      throw new TypeError('removeTemp removes only temporary files that list() reported');
    }
    await rm(entry.name, { force: true });
  }

  /** Removes temporary files older than `olderThanMs`, left by a crash in the middle of a write. */
  async removeStaleTemp(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for await (const entry of this.list()) {
      if (entry.kind === 'temp' && now - entry.modifiedMs >= olderThanMs) {
        await this.removeTemp(entry);
        removed++;
      }
    }
    return removed;
  }

  private pathOf(blobId: string): string {
    return join(this.root, blobId.slice(0, 2), blobId);
  }

  /**
   * Creates whichever shard directories are missing, all at once: a new store pays for its 256
   * directories (256 mkdirs and one fsync of the root) on its first write, not a mkdir and fsyncs
   * on the first write into each. Concurrent writes share the one run; a failed run is tried again next time.
   */
  private ensureShards(): Promise<void> {
    this.shards ??= this.createShards().catch((error: unknown) => {
      this.shards = null;
      throw error;
    });
    return this.shards;
  }

  private async createShards(): Promise<void> {
    const created = await mkdir(this.root, { recursive: true, mode: 0o700 });
    const made = (
      await Promise.all(
        SHARDS.map(async (shard) => {
          const dir = join(this.root, shard);
          try {
            await mkdir(dir, { mode: 0o700 });
            return dir;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
            throw error;
          }
        }),
      )
    ).filter((dir): dir is string => dir !== null);
    // A new directory is durable once the directory that names it is synced: one fsync of the
    // root covers all 256 entries (and the journal commit it forces carries their inodes), then
    // the ancestors up to the first one created. A blob's own entry is synced by its write.
    if (made.length || created) await syncDir(this.root);
    for (let dir = this.root; created && dir !== dirname(created); dir = dirname(dir))
      await syncDir(dirname(dir));
  }

  private async listDir(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
