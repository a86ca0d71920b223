import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../server/src/vault/azure-blob-store.adapter';
import { LocalKeyDirectory } from '../../server/src/vault/local-key-directory';
import { OrphanSweepService } from '../../server/src/vault/orphan-sweep.service';
import { BlobNotFoundError } from '../../server/src/vault/vault.errors';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { cookieFrom, http, jsonRequest } from '../support/http';
import { filesContaining } from '../support/scan';
import { startZegel, type RunningZegel } from '../support/server';
import { collectAttachment, submitWithAttachment } from '../support/vault-roundtrip';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const id = () => randomBytes(16).toString('hex');

async function blobNames(container: ContainerClient): Promise<string[]> {
  const names: string[] = [];
  for await (const item of container.listBlobsFlat()) names.push(item.name);
  return names.sort();
}

// Several megabytes go through Azurite and the server per test; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

/** The Azure Blob Storage blob store against Azurite (a real Blob service on loopback). */
describe('Azure Blob Storage blob store (Azurite)', () => {
  let azurite: RunningAzurite;
  let container: ContainerClient;
  let store: AzureBlobStore;

  beforeAll(async () => {
    azurite = await startAzurite();
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      'contract',
    );
    // Small blocks, so that a one-megabyte blob is many staged blocks and many ranged reads.
    store = new AzureBlobStore(container, { blockBytes: 64 * 1024 });
    await store.init();
  }, 60_000);

  afterAll(async () => {
    await azurite?.stop();
  });

  it('writes in blocks and reads back in ranges, byte for byte', async () => {
    const data = randomBytes(1024 * 1024 + 12_345);
    const blobId = id();
    await store.write(blobId, Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]));
    const properties = await container.getBlockBlobClient(blobId).getBlockList('committed');
    expect(properties.committedBlocks!.length).toBeGreaterThan(10);
    expect(sha256(await buffer(store.read(blobId)))).toBe(sha256(data));
    expect(await store.hasBlobs()).toBe(true);
  });

  it('leaves no blob behind when the content fails mid-way', async () => {
    const blobId = id();
    async function* failing() {
      yield randomBytes(200_000);
      throw new Error('source broke');
    }
    await expect(store.write(blobId, Readable.from(failing()))).rejects.toThrow('source broke');
    expect(await blobNames(container)).not.toContain(blobId);
    await expect(buffer(store.read(blobId))).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('never replaces an existing blob', async () => {
    const blobId = id();
    await store.write(blobId, Readable.from([Buffer.from('first')]));
    await expect(store.write(blobId, Readable.from([Buffer.from('second')]))).rejects.toThrow();
    expect((await buffer(store.read(blobId))).toString()).toBe('first');
  });

  it('deletes for real, and a second delete is harmless', async () => {
    const blobId = id();
    await store.write(blobId, Readable.from([randomBytes(1000)]));
    await store.delete(blobId);
    await store.delete(blobId);
    expect(await blobNames(container)).not.toContain(blobId);
    await expect(buffer(store.read(blobId))).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('lists blobs with their write time and skips names that are not blob ids', async () => {
    await container.getBlockBlobClient('not-a-blob-id').upload('x', 1);
    const before = Date.now();
    const blobId = id();
    await store.write(blobId, Readable.from([Buffer.from('listed')]));
    const entries = [];
    for await (const entry of store.list()) entries.push(entry);
    const entry = entries.find((e) => e.blobId === blobId)!;
    expect(entry).toMatchObject({ kind: 'blob', name: blobId });
    expect(Math.abs(entry.modifiedMs - before)).toBeLessThan(5000);
    expect(entries.map((e) => e.name)).not.toContain('not-a-blob-id');
  });

  describe('as the server’s blob store', () => {
    let zegel: RunningZegel;
    let serverContainer: ContainerClient;

    beforeAll(async () => {
      // Instances sharing a blob store get their keys from the key ceremony, not at start.
      const root = mkdtempSync(join(tmpdir(), 'zegel-azure-'));
      const files = new LocalKeyDirectory(join(root, 'keys'));
      files.ensureDir();
      files.currentOrCreate();
      zegel = await startZegel({
        root,
        env: {
          ZEGEL_BLOB_STORE: 'azure',
          ZEGEL_AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
          ZEGEL_AZURE_STORAGE_CONTAINER: 'zegel-e2e',
          ZEGEL_AZURE_BLOB_BLOCK_BYTES: String(256 * 1024),
        },
      });
      serverContainer = BlobServiceClient.fromConnectionString(
        azurite.connectionString,
      ).getContainerClient('zegel-e2e');
    }, 60_000);

    afterAll(async () => {
      await zegel?.close();
      if (zegel) rmSync(zegel.root, { recursive: true, force: true });
    });

    it('stores only ciphertext in the container and serves the attachment back', async () => {
      const canary = Buffer.from(`AZURE-CANARY-${id()}`);
      const attachment = Buffer.concat([canary, randomBytes(3 * 1024 * 1024), canary]);
      const copy = await submitWithAttachment(zegel, 'azure@example.nl', attachment);
      const names = await blobNames(serverContainer);
      expect(names.length).toBeGreaterThanOrEqual(2); // the body and the attachment
      for (const name of names) {
        const stored = await buffer(
          (await serverContainer.getBlobClient(name).download()).readableStreamBody!,
        );
        expect(stored.subarray(0, 4).toString()).toBe('ZGLV');
        expect(stored.includes(canary)).toBe(false);
      }
      expect(existsSync(join(zegel.dataDir, 'blobs'))).toBe(false);
      expect(filesContaining([zegel.dataDir], canary.toString())).toEqual([]);
      expect(sha256(await collectAttachment(zegel, copy))).toBe(sha256(attachment));
    });

    it('deletes the blobs when the recipient declines', async () => {
      const before = await blobNames(serverContainer);
      const copy = await submitWithAttachment(zegel, 'decline@example.nl', randomBytes(70_000));
      const added = (await blobNames(serverContainer)).filter((n) => !before.includes(n));
      expect(added.length).toBeGreaterThanOrEqual(2);
      const unlock = await http(
        `${zegel.url}/api/v1/pickup/${copy.token}/unlock`,
        jsonRequest({ ceId: copy.ceId }),
      );
      const declined = await http(`${zegel.url}/api/v1/pickup/${copy.token}/decline`, {
        method: 'POST',
        headers: { cookie: cookieFrom(unlock) },
      });
      expect(declined.status).toBe(200);
      const after = await blobNames(serverContainer);
      expect(after.filter((n) => added.includes(n))).toEqual([]);
    });

    it('sweeps old blobs that no message refers to, and keeps referenced and fresh ones', async () => {
      const referenced = await blobNames(serverContainer);
      const orphan = id();
      await serverContainer.getBlockBlobClient(orphan).upload('left by a crash', 15);
      const sweeper = zegel.app.get(OrphanSweepService);
      // Just written: could be an upload in progress in another instance, so it stays.
      expect(await sweeper.sweep()).toEqual({ deletedBlobs: 0, removedTemp: 0 });
      expect(await blobNames(serverContainer)).toContain(orphan);
      // Seen from seven hours later (past the 6-hour minimum age), only the orphan goes.
      const later = Date.now() + 7 * 3_600_000;
      expect(await sweeper.sweep(later)).toEqual({ deletedBlobs: 1, removedTemp: 0 });
      expect(await blobNames(serverContainer)).toEqual(referenced);
    });
  });
});
