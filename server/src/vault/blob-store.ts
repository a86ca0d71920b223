import type { Readable } from 'node:stream';

/**
 * Where encrypted blobs live. Local disk by default (LocalBlobStore); a cloud store (Azure Blob)
 * implements the same contract. Blobs are opaque ciphertext: a store never sees plaintext or keys.
 */
export abstract class BlobStore {
  /**
   * Streams `content` into a new blob named `blobId`. Resolves only once the blob is durable (it
   * survives a crash). If `content` errors or the write fails, rejects and leaves nothing behind.
   */
  abstract write(blobId: string, content: Readable): Promise<void>;

  /** The blob's bytes; the stream emits BlobNotFoundError when there is no such blob. */
  abstract read(blobId: string): Readable;

  /** Removes the blob; resolves also when it does not exist. */
  abstract delete(blobId: string): Promise<void>;

  /**
   * Everything the store holds, blobs and leftovers of unfinished writes (local `.tmp` files), with
   * the time each was last written. The orphan sweep uses it; it streams, never a whole listing.
   */
  abstract list(): AsyncIterable<StoredEntry>;

  /** Removes a leftover that `list` reported (`kind: 'temp'`); a blob goes through `delete`. */
  abstract removeTemp(entry: StoredEntry): Promise<void>;

  /** True when the store holds at least one blob (leftovers of unfinished writes do not count). */
  async hasBlobs(): Promise<boolean> {
    for await (const entry of this.list()) if (entry.kind === 'blob') return true;
    return false;
  }
}

export interface StoredEntry {
  /** `blob`: a finished blob named `blobId`. `temp`: an unfinished write (never read). */
  kind: 'blob' | 'temp';
  /** The blob id; for a temp entry, the blob id it was going to become. */
  blobId: string;
  /** The store's own name for it (a path or a blob name); opaque to callers. */
  name: string;
  /** Last write, in milliseconds since the epoch. */
  modifiedMs: number;
}

/** Blob ids are 32 lowercase hex characters: safe as file names on every file system. */
export const BLOB_ID = /^[0-9a-f]{32}$/;

export function assertBlobId(blobId: unknown): asserts blobId is string {
  if (typeof blobId !== 'string' || !BLOB_ID.test(blobId)) {
    throw new TypeError('A blob id must be 32 lowercase hex characters');
  }
}
