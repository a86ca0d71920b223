import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, opendir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobId, BlobStore } from './blob-store';
import { BlobNotFoundError } from './vault.errors';

const TEMP_SUFFIX = '.tmp';

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
  constructor(readonly root: string) {
    super();
  }

  async write(blobId: string, content: Readable): Promise<void> {
    assertBlobId(blobId);
    const dir = await this.shardDir(blobId);
    const target = join(dir, blobId);
    const temp = join(dir, `.${blobId}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    const handle = await open(temp, 'wx', 0o600).catch((error: unknown) => {
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
  async hasBlobs(): Promise<boolean> {
    for (const shard of await this.list(this.root)) {
      // Iterates lazily: stops at the first blob instead of listing a large directory.
      for await (const entry of await opendir(join(this.root, shard))) {
        if (!entry.name.endsWith(TEMP_SUFFIX)) return true;
      }
    }
    return false;
  }

  /** Removes temporary files older than `olderThanMs`, left by a crash in the middle of a write. */
  async removeStaleTemp(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const shard of await this.list(this.root)) {
      const dir = join(this.root, shard);
      for (const name of await this.list(dir)) {
        if (!name.endsWith(TEMP_SUFFIX)) continue;
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info && now - info.mtimeMs >= olderThanMs) {
          await rm(path, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  private pathOf(blobId: string): string {
    return join(this.root, blobId.slice(0, 2), blobId);
  }

  private async shardDir(blobId: string): Promise<string> {
    const dir = join(this.root, blobId.slice(0, 2));
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    if (created) {
      // New directories must be durable too, up to the parent of the first one created.
      await syncDir(dir);
      if (created !== dir) await syncDir(this.root);
      await syncDir(join(created, '..'));
    }
    return dir;
  }

  private async list(dir: string): Promise<string[]> {
    try {
      return await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
