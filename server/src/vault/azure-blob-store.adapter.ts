import { Readable } from 'node:stream';
import { type ContainerClient, RestError } from '@azure/storage-blob';
import { assertBlobId, BLOB_ID, BlobStore, type StoredEntry } from './blob-store';
import { BlobNotFoundError } from './vault.errors';

export interface AzureBlobStoreOptions {
  /** Bytes per staged block on upload and per ranged read on download. */
  blockBytes: number;
  /** Blocks uploaded at the same time; memory per upload is about blockBytes × (concurrency + 1). */
  uploadConcurrency?: number;
}

const isNotFound = (error: unknown) =>
  error instanceof RestError
    ? error.statusCode === 404
    : (error as { statusCode?: number } | undefined)?.statusCode === 404;

/**
 * Blobs in one Azure Blob Storage container, named by blob id. Uploads stage blocks and commit the
 * block list last (`uploadStream`), so a blob is visible only whole, and an upload that fails leaves
 * only uncommitted blocks, which the service discards by itself (after a week at most) and which
 * never appear as a blob. Downloads read the blob in ranges of one block, each pinned to the ETag of
 * the first, so memory stays at one block whatever the blob's size.
 *
 * Deletes are real at the API level; whether the service keeps a soft-deleted copy depends on the
 * storage account (turn blob soft delete and versioning off: docs/deployment.md).
 */
export class AzureBlobStore extends BlobStore {
  private readonly blockBytes: number;
  private readonly concurrency: number;

  constructor(
    private readonly container: ContainerClient,
    options: AzureBlobStoreOptions,
  ) {
    super();
    this.blockBytes = options.blockBytes;
    this.concurrency = options.uploadConcurrency ?? 2;
  }

  /** Creates the container when it is not there yet (the account must allow it). */
  async init(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async write(blobId: string, content: Readable): Promise<void> {
    assertBlobId(blobId);
    try {
      await this.container
        .getBlockBlobClient(blobId)
        // `ifNoneMatch: *`: a blob id is never written twice; an existing blob is never replaced.
        .uploadStream(content, this.blockBytes, this.concurrency, {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        });
    } catch (error) {
      content.destroy();
      throw error;
    }
  }

  read(blobId: string): Readable {
    assertBlobId(blobId);
    const blob = this.container.getBlobClient(blobId);
    const blockBytes = this.blockBytes;
    async function* ranges(): AsyncGenerator<Buffer> {
      let offset = 0;
      let etag: string | undefined;
      let size = Infinity;
      while (offset < size) {
        let response;
        try {
          response = await blob.download(offset, blockBytes, {
            conditions: etag ? { ifMatch: etag } : undefined,
            maxRetryRequests: 3,
          });
        } catch (error) {
          // 416 on the first range: the blob is empty.
          if (offset === 0 && (error as RestError).statusCode === 416) return;
          if (isNotFound(error)) throw new BlobNotFoundError(blobId);
          throw error;
        }
        etag ??= response.etag;
        size = Number(/\/(\d+)$/.exec(response.contentRange ?? '')?.[1] ?? response.contentLength);
        let got = 0;
        for await (const chunk of response.readableStreamBody as AsyncIterable<Buffer>) {
          got += chunk.length;
          yield chunk;
        }
        if (got === 0) return;
        offset += got;
      }
    }
    return Readable.from(ranges(), { objectMode: false });
  }

  async delete(blobId: string): Promise<void> {
    assertBlobId(blobId);
    await this.container.getBlobClient(blobId).deleteIfExists({ deleteSnapshots: 'include' });
  }

  async *list(): AsyncIterable<StoredEntry> {
    for await (const item of this.container.listBlobsFlat()) {
      if (!BLOB_ID.test(item.name)) continue;
      yield {
        kind: 'blob',
        blobId: item.name,
        name: item.name,
        modifiedMs: item.properties.lastModified.getTime(),
      };
    }
  }

  removeTemp(): Promise<void> {
    // Unfinished uploads are uncommitted blocks: never listed, and discarded by the service.
    return Promise.reject(new TypeError('Azure Blob Storage lists no temporary entries'));
  }
}
