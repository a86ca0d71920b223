import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterWritten, fileSink, LocalBlobStore } from './local-blob-store.adapter';

jest.setTimeout(30_000);

const id = () => randomBytes(16).toString('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('LocalBlobStore', () => {
  let root: string;
  let store: LocalBlobStore;

  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'zegel-blobs-')), 'data', 'blobs');
    store = new LocalBlobStore(root);
  });

  afterEach(() => rmSync(join(root, '..', '..'), { recursive: true, force: true }));

  it('creates all 256 shard directories on its first write, and the blob in its own', async () => {
    const blobId = id();
    await store.write(blobId, Readable.from([Buffer.from('hello')]));
    const shards = readdirSync(root);
    expect(shards).toHaveLength(256);
    expect(shards.every((s) => /^[0-9a-f]{2}$/.test(s))).toBe(true);
    expect(readdirSync(join(root, blobId.slice(0, 2)))).toEqual([blobId]);
  });

  it('writes many small chunks and chunks larger than one write batch byte for byte', async () => {
    const small = Array.from({ length: 300 }, () => randomBytes(97));
    const large = [randomBytes(2800 * 1024), randomBytes(3), randomBytes(1200 * 1024)];
    for (const chunks of [small, large, []]) {
      const blobId = id();
      await store.write(blobId, Readable.from(chunks));
      // Buffer.equals: toEqual compares a megabyte element by element, slowly.
      expect(
        readFileSync(join(root, blobId.slice(0, 2), blobId)).equals(Buffer.concat(chunks)),
      ).toBe(true);
      expect((await readAll(store.read(blobId))).equals(Buffer.concat(chunks))).toBe(true);
    }
  });

  it('leaves no file behind when the content fails, and never writes over a blob', async () => {
    const blobId = id();
    const failing = new Readable({
      read() {
        this.push(randomBytes(1000));
        this.destroy(new Error('source broke'));
      },
    });
    await expect(store.write(blobId, failing)).rejects.toThrow('source broke');
    expect(existsSync(join(root, blobId.slice(0, 2), blobId))).toBe(false);

    await store.write(blobId, Readable.from([Buffer.from('first')]));
    await expect(store.write(blobId, Readable.from([Buffer.from('second')]))).rejects.toMatchObject(
      { code: 'EEXIST' },
    );
    expect(readFileSync(join(root, blobId.slice(0, 2), blobId), 'utf8')).toBe('first');
  });

  it('leaves no file behind when the content fails after several batches were written', async () => {
    const blobId = id();
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent++ < 40) return void this.push(randomBytes(100 * 1024));
        this.destroy(new Error('source broke late'));
      },
    });
    await expect(store.write(blobId, failing)).rejects.toThrow('source broke late');
    expect(existsSync(join(root, blobId.slice(0, 2), blobId))).toBe(false);
  });

  it('creates a shard directory again after it was removed behind its back', async () => {
    const blobId = id();
    await store.write(id(), Readable.from([Buffer.from('x')]));
    rmSync(join(root, blobId.slice(0, 2)), { recursive: true });
    await expect(store.write(blobId, Readable.from([Buffer.from('y')]))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await store.write(blobId, Readable.from([Buffer.from('y')]));
    expect(readFileSync(join(root, blobId.slice(0, 2), blobId), 'utf8')).toBe('y');
  });
});

describe('afterWritten (what a short writev leaves to write)', () => {
  const chunks = [Buffer.from('abc'), Buffer.alloc(0), Buffer.from('defg'), Buffer.from('hi')];
  const rest = (written: number) => Buffer.concat(afterWritten(chunks, written)).toString('latin1');

  it('keeps every byte not yet written, in order, whatever the count', () => {
    const all = 'abcdefghi';
    for (let written = 0; written <= all.length; written++)
      expect(rest(written)).toBe(all.slice(written));
    expect(afterWritten(chunks, all.length)).toEqual([]);
  });
});

describe('fileSink (one batch written while the next is gathered)', () => {
  /**
   * A file handle whose writes and syncs take a while, whose writes write at most `most` bytes,
   * and whose nth write or sync may fail.
   */
  function slowHandle(options: { most?: number; failOnWrite?: number; failOnSync?: number } = {}) {
    const written: Buffer[] = [];
    let writes = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let syncs = 0;
    let syncing = 0;
    let maxSyncing = 0;
    let syncsDone = 0;
    const handle = {
      async writev(chunks: Buffer[]) {
        const call = ++writes;
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        if (call === options.failOnWrite) throw new Error('disk full');
        const all = Buffer.concat(chunks).subarray(0, options.most ?? Infinity);
        written.push(all);
        return { bytesWritten: all.length };
      },
      async datasync() {
        const call = ++syncs;
        maxSyncing = Math.max(maxSyncing, ++syncing);
        await new Promise((resolve) => setTimeout(resolve, 15));
        syncing--;
        if (call === options.failOnSync) throw new Error('EIO on writeback');
        syncsDone++;
      },
    };
    const stats = () => ({ writes, maxInFlight, syncs, maxSyncing, syncsDone });
    return { handle, written, stats };
  }

  it('writes every byte in order, with never more than one write at a time', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(200 * 1024));
    const { handle, written, stats } = slowHandle({ most: 300 * 1024 });
    await pipeline(Readable.from(chunks), fileSink(handle));
    expect(Buffer.concat(written).equals(Buffer.concat(chunks))).toBe(true);
    expect(stats().maxInFlight).toBe(1);
    expect(stats().writes).toBeGreaterThan(8);
  });

  it('fails the stream when a write fails, whether more batches follow or not', async () => {
    for (const failOnWrite of [1, 2, 4]) {
      const chunks = Array.from({ length: 20 }, () => randomBytes(200 * 1024));
      const { handle } = slowHandle({ failOnWrite });
      await expect(pipeline(Readable.from(chunks), fileSink(handle))).rejects.toThrow('disk full');
    }
  });

  it('syncs a large part in the background as it goes, one sync at a time, and ends after the last', async () => {
    const chunks = Array.from({ length: 60 }, () => randomBytes(200 * 1024));
    const { handle, written, stats } = slowHandle();
    await pipeline(Readable.from(chunks), fileSink(handle, 1024 * 1024));
    expect(Buffer.concat(written).equals(Buffer.concat(chunks))).toBe(true);
    expect(stats().syncs).toBeGreaterThan(1);
    expect(stats().maxSyncing).toBe(1);
    // The stream finished only once every sync it started had returned.
    expect(stats().syncsDone).toBe(stats().syncs);
  });

  it('leaves a small part to the closing fsync alone', async () => {
    const { handle, stats } = slowHandle();
    await pipeline(Readable.from([randomBytes(5000)]), fileSink(handle));
    expect(stats().syncs).toBe(0);
  });

  it('fails the stream when a background sync fails, even if every write after it succeeds', async () => {
    for (const failOnSync of [1, 2]) {
      const chunks = Array.from({ length: 60 }, () => randomBytes(200 * 1024));
      const { handle } = slowHandle({ failOnSync });
      await expect(pipeline(Readable.from(chunks), fileSink(handle, 1024 * 1024))).rejects.toThrow(
        'EIO on writeback',
      );
    }
  });
});
