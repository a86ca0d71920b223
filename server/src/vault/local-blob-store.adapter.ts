import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, opendir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PassThrough, type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobId, BLOB_ID, BlobStore, type StoredEntry } from './blob-store';
import { BlobNotFoundError } from './vault.errors';

const TEMP_SUFFIX = '.tmp';
/** `.<blobId>.<random>.tmp`: an unfinished write (of `blobId`). */
const TEMP_NAME = /^\.([^.]*)\..*\.tmp$/;

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

/** A sink into an open file that leaves closing to the caller (who fsyncs first). */
function fileSink(handle: FileHandle): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const writeAll = async () => {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
      };
      writeAll().then(() => done(), done);
    },
  });
}

/**
 * Blobs as files under `<dataDir>/blobs/<first two hex>/<blobId>`. A write goes to a temporary name
 * in the same directory, is fsynced, renamed into place, and the directory is fsynced.
 */
export class LocalBlobStore extends BlobStore {
  /** Shard directories known to exist, durably: no mkdir (and its stat) on every write. */
  private readonly shards = new Set<string>();

  constructor(readonly root: string) {
    super();
  }

  async write(blobId: string, content: Readable): Promise<void> {
    assertBlobId(blobId);
    const dir = await this.shardDir(blobId);
    const target = join(dir, blobId);
    const temp = join(dir, `.${blobId}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    const handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
      // The shard directory was removed behind our back: the next write creates it again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.shards.delete(dir);
      content.destroy();
      throw error;
    });
    let closed = false;
    try {
      await pipeline(content, fileSink(handle));
      await handle.sync();
      await handle.close();
      closed = true;
      await rename(temp, target);
      await syncDir(dir);
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  read(blobId: string): Readable {
    assertBlobId(blobId);
    const out = new PassThrough();
    const file = createReadStream(this.pathOf(blobId));
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

  private async shardDir(blobId: string): Promise<string> {
    const dir = join(this.root, blobId.slice(0, 2));
    if (this.shards.has(dir)) return dir;
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    if (created) {
      // New directories must be durable too, up to the parent of the first one created.
      await syncDir(dir);
      if (created !== dir) await syncDir(this.root);
      await syncDir(join(created, '..'));
    }
    this.shards.add(dir);
    return dir;
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
