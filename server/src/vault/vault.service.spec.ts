import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ZegelError } from '../common/zegel-error';
import type { ZegelConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { BlobStore } from './blob-store';
import { LocalKeyStore as KeyStore } from './key-store.adapter';
import { LocalBlobStore } from './local-blob-store.adapter';
import { MIN_CHUNK_SIZE } from './vault-format.util';
import { VaultModule } from './vault.module';
import { VaultService } from './vault.service';
import { BlobNotFoundError, VaultIntegrityError, VaultKeyMissingError } from './vault.errors';

const CANARY = Buffer.from('ZEGEL-CANARY-7f3a9c-do-not-store-in-clear');

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function* generate(count: number, size: number, fail?: Error) {
  for (let i = 0; i < count; i++) {
    if (fail && i === count - 1) throw fail;
    const part = Buffer.alloc(size, i & 0xff);
    CANARY.copy(part, i % (size - CANARY.length));
    yield part;
  }
}

describe('VaultService', () => {
  let root: string;
  let blobRoot: string;
  let blobs: LocalBlobStore;
  let vault: VaultService;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'zegel-vault-'));
    blobRoot = join(root, 'data', 'blobs');
    blobs = new LocalBlobStore(blobRoot);
    const keys = KeyStore.open(join(root, 'keys'), join(root, 'data'));
    vault = new VaultService(keys, blobs, MIN_CHUNK_SIZE);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores and reads a part, reporting plaintext size and SHA-256', async () => {
    const { key, wrapped } = await vault.createDataKey();
    const stored = await vault.storePart({
      key,
      context: 'm1/body',
      source: Readable.from(generate(40, 10_000)),
      maxBytes: 1_000_000,
    });
    const expected = await buffer(Readable.from(generate(40, 10_000)));
    expect(stored.size).toBe(expected.length);
    expect(stored.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(stored.blobId).toMatch(/^[0-9a-f]{32}$/);
    const read = vault.readPart({
      key: await vault.openDataKey(wrapped),
      context: 'm1/body',
      blobId: stored.blobId,
    });
    expect((await buffer(read)).equals(expected)).toBe(true);
  });

  it('stores an empty part', async () => {
    const { key } = await vault.createDataKey();
    const stored = await vault.storePart({
      key,
      context: 'm1/empty',
      source: Readable.from([]),
      maxBytes: 0,
    });
    expect(stored).toMatchObject({
      size: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    const read = vault.readPart({ key, context: 'm1/empty', blobId: stored.blobId });
    expect(await buffer(read)).toHaveLength(0);
  });

  it('never leaves the plaintext canary in the blob directory', async () => {
    const { key } = await vault.createDataKey();
    for (const context of ['m1/body', 'm1/attachment-1']) {
      await vault.storePart({
        key,
        context,
        source: Readable.from(generate(30, 5000)),
        maxBytes: 1e6,
      });
    }
    const files = filesUnder(blobRoot);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(CANARY)).toBe(false);
      expect(bytes.includes(CANARY.subarray(0, 16))).toBe(false);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses a part over maxBytes with PAYLOAD_TOO_LARGE and leaves no file', async () => {
    const { key } = await vault.createDataKey();
    const attempt = vault.storePart({
      key,
      context: 'm1/big',
      source: Readable.from(generate(50, 10_000)),
      maxBytes: 100_000,
    });
    await expect(attempt).rejects.toBeInstanceOf(ZegelError);
    await expect(attempt).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(filesUnder(blobRoot)).toEqual([]);
  });

  it('accepts a part of exactly maxBytes', async () => {
    const { key } = await vault.createDataKey();
    const stored = await vault.storePart({
      key,
      context: 'm1/exact',
      source: Readable.from(generate(10, 1000)),
      maxBytes: 10_000,
    });
    expect(stored.size).toBe(10_000);
  });

  it('rejects with the source error and leaves no file', async () => {
    const { key } = await vault.createDataKey();
    const boom = new Error('connection reset by client');
    const attempt = vault.storePart({
      key,
      context: 'm1/body',
      source: Readable.from(generate(20, 10_000, boom)),
      maxBytes: 1e9,
    });
    await expect(attempt).rejects.toBe(boom);
    expect(filesUnder(blobRoot)).toEqual([]);
  });

  it('rejects and leaves no file when the source is destroyed without an error', async () => {
    const { key } = await vault.createDataKey();
    const source = new PassThrough();
    const attempt = vault.storePart({ key, context: 'm1/body', source, maxBytes: 1e9 });
    source.write(randomBytes(5000));
    setTimeout(() => source.destroy(), 10);
    await expect(attempt).rejects.toThrow();
    expect(filesUnder(blobRoot)).toEqual([]);
  });

  it('honours backpressure: a store that stops reading stops the source', async () => {
    // A blob store that accepts the stream but never reads from it (a stalled disk or network).
    class StalledStore extends BlobStore {
      write(_blobId: string, content: Readable): Promise<void> {
        return new Promise((_resolve, reject) => content.on('error', reject));
      }
      read(): Readable {
        throw new Error('not used');
      }
      async delete(): Promise<void> {}
      async *list() {}
      async removeTemp(): Promise<void> {}
    }
    const stalledVault = new VaultService(vault.keys, new StalledStore());
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 16_384;
        this.push(Buffer.alloc(16_384));
      },
    });
    const attempt = stalledVault
      .storePart({
        key: (await vault.createDataKey()).key,
        context: 'm1/slow',
        source,
        maxBytes: 1e12,
      })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Only the streams' own buffers fill up: well under a megabyte, not the endless source.
    expect(produced).toBeLessThan(1024 * 1024);
    source.destroy(new Error('stop'));
    expect(await attempt).toMatchObject({ message: 'stop' });
  });

  it('fails a read on a tampered blob with VaultIntegrityError', async () => {
    const { key } = await vault.createDataKey();
    const stored = await vault.storePart({
      key,
      context: 'm1/body',
      source: Readable.from(generate(10, 1000)),
      maxBytes: 1e6,
    });
    const [file] = filesUnder(blobRoot);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(file, bytes);
    const read = vault.readPart({ key, context: 'm1/body', blobId: stored.blobId });
    await expect(buffer(read)).rejects.toBeInstanceOf(VaultIntegrityError);
  });

  it('fails a read with another message context or key', async () => {
    const { key } = await vault.createDataKey();
    const { blobId } = await vault.storePart({
      key,
      context: 'm1/body',
      source: Readable.from(generate(3, 1000)),
      maxBytes: 1e6,
    });
    await expect(buffer(vault.readPart({ key, context: 'm2/body', blobId }))).rejects.toThrow(
      VaultIntegrityError,
    );
    const other = vault.transientKey();
    await expect(
      buffer(vault.readPart({ key: other, context: 'm1/body', blobId })),
    ).rejects.toThrow(VaultIntegrityError);
  });

  it('deletes parts idempotently; reading a deleted part fails with BlobNotFoundError', async () => {
    const { key } = await vault.createDataKey();
    const { blobId } = await vault.storePart({
      key,
      context: 'm1/body',
      source: Readable.from(generate(3, 1000)),
      maxBytes: 1e6,
    });
    await vault.deletePart(blobId);
    await vault.deletePart(blobId);
    expect(filesUnder(blobRoot)).toEqual([]);
    await expect(
      buffer(vault.readPart({ key, context: 'm1/body', blobId })),
    ).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(vault.deletePart('../../etc/passwd')).rejects.toThrow(/blob id/);
  });

  it('seals and opens small values', async () => {
    const { key } = await vault.createDataKey();
    const sealed = vault.seal(key, 'Onderwerp', 'm1/subject');
    expect(vault.open(key, sealed, 'm1/subject').toString()).toBe('Onderwerp');
  });

  it('removes temporary files left by a crash, but not recent ones', async () => {
    const shard = join(blobRoot, 'ab');
    mkdirSync(shard, { recursive: true });
    writeFileSync(join(shard, '.ab00.old.tmp'), 'x');
    writeFileSync(join(shard, '.ab00.new.tmp'), 'x');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(shard, '.ab00.old.tmp'), hourAgo, hourAgo);
    expect(await blobs.removeStaleTemp(3600_000)).toBe(1);
    expect(readdirSync(shard)).toEqual(['.ab00.new.tmp']);
    expect(await blobs.hasBlobs()).toBe(false);
  });
});

describe('VaultModule', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'zegel-vault-module-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function boot() {
    const config = {
      dataDir: join(root, 'data'),
      keyDir: join(root, 'keys'),
      storage: { blobStore: 'local' },
      keyStore: { type: 'local' },
    } as ZegelConfig;
    @Module({ imports: [ConfigModule.forRoot(config), VaultModule] })
    class TestModule {}
    return NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
  }

  it('starts, provides VaultService, and refuses to start once its KEK is missing', async () => {
    const app = await boot();
    const vault = app.get(VaultService);
    const { key } = await vault.createDataKey();
    await vault.storePart({ key, context: 'm/b', source: Readable.from([CANARY]), maxBytes: 100 });
    await app.close();

    const kek = readdirSync(join(root, 'keys')).find((file) => file.startsWith('kek-'))!;
    rmSync(join(root, 'keys', kek));
    await expect(boot()).rejects.toBeInstanceOf(VaultKeyMissingError);
    expect(readdirSync(join(root, 'keys'))).toEqual(['current-kek']);
  });

  it('refuses to start when blobs exist but vault.json is gone', async () => {
    const app = await boot();
    const vault = app.get(VaultService);
    await vault.storePart({
      key: (await vault.createDataKey()).key,
      context: 'm/b',
      source: Readable.from([CANARY]),
      maxBytes: 100,
    });
    await app.close();
    rmSync(join(root, 'data', 'vault.json'));
    await expect(boot()).rejects.toThrow(/no vault\.json/);
  });
});
