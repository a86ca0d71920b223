// Vault throughput: encrypt-and-store, then read-and-decrypt, a 100 MB stream on local disk.
// Needs server/dist (`npm run bench` builds it first). Prints figures; asserts nothing.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Readable } = require('node:stream');
const { LocalKeyStore } = require('../server/dist/vault/key-store.adapter');
const { LocalBlobStore } = require('../server/dist/vault/local-blob-store.adapter');
const { VaultService } = require('../server/dist/vault/vault.service');

const TOTAL = 100 * 1024 * 1024;
const PIECE = 256 * 1024;

/** 100 MB of plaintext produced piece by piece, so the bench itself never holds it whole. */
async function* plaintext() {
  const piece = Buffer.alloc(PIECE);
  for (let sent = 0; sent < TOTAL; sent += PIECE) {
    piece.writeUInt32BE(sent >>> 0, 0);
    yield Buffer.from(piece);
  }
}

const mbPerSecond = (bytes, ms) => (bytes / (1024 * 1024) / (ms / 1000)).toFixed(1);

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-vault-bench-'));
  try {
    const keys = LocalKeyStore.open(join(root, 'keys'), join(root, 'data'));
    const vault = new VaultService(keys, new LocalBlobStore(join(root, 'data', 'blobs')));
    const { key } = await vault.createDataKey();
    const context = 'bench/attachment';

    let start = performance.now();
    const stored = await vault.storePart({
      key,
      context,
      source: Readable.from(plaintext()),
      maxBytes: TOTAL,
    });
    const storeMs = performance.now() - start;

    start = performance.now();
    let read = 0;
    for await (const chunk of vault.readPart({ key, context, blobId: stored.blobId })) {
      read += chunk.length;
    }
    const readMs = performance.now() - start;
    if (read !== TOTAL) throw new Error(`read ${read} bytes, expected ${TOTAL}`);

    console.log(`vault: ${TOTAL / (1024 * 1024)} MB stream, 64 KiB chunks, AES-256-GCM`);
    console.log(
      `  encrypt and store (fsync)  ${mbPerSecond(TOTAL, storeMs)} MB/s  (${storeMs.toFixed(0)} ms)`,
    );
    console.log(
      `  read and decrypt           ${mbPerSecond(TOTAL, readMs)} MB/s  (${readMs.toFixed(0)} ms)`,
    );
    console.log(
      `  peak RSS                   ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
