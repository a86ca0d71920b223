'use strict';
// A 100 MB attachment through the Azure Blob Storage blob store (Azurite on loopback): upload and
// pickup download in MB/s, with the peak RSS of the server and of Azurite. The server runs as its
// own process, with keys from `zegel keys init` as instances on a shared blob store need.
const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { downloadThroughPickup, uploadThroughApi } = require('./support/big-attachment');
const { currentRss, freePort, peakRss, startZegel, zegelEnv } = require('./support/server-process');

const ROOT = join(__dirname, '..');
const BIG = 100 * 1024 * 1024;

async function startAzurite(dir) {
  const bin = join(require.resolve('azurite/package.json'), '..', 'dist', 'src', 'blob', 'main.js');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--location',
      dir,
      '--silent',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`Azurite exited with ${code}`)));
  });
  child.stdout.resume();
  return { child, port };
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-azure-'));
  mkdirSync(join(root, 'azurite'));
  const azurite = await startAzurite(join(root, 'azurite'));
  const port = await freePort();
  const env = {
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_MAX_ATTACHMENT_BYTES: String(BIG + 1024),
    ZEGEL_BLOB_STORE: 'azure',
    ZEGEL_AZURE_STORAGE_CONNECTION_STRING:
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      `BlobEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1;`,
  };
  // Instances on a shared blob store take their keys from `zegel keys init`, not a first start.
  execFileSync(process.execPath, [join(ROOT, 'server', 'bin', 'zegel.js'), 'keys', 'init'], {
    cwd: root,
    env: zegelEnv(root, env),
    stdio: 'ignore',
  });
  const child = await startZegel(root, env);
  const url = `http://127.0.0.1:${port}`;
  try {
    const baseline = currentRss(child.pid);
    const up = await uploadThroughApi(url, 'big@example.nl', BIG);
    console.log(
      `Upload of 100 MB (encrypted, staged as blocks in Azurite): ${(100 / up.seconds).toFixed(1)} MB/s`,
    );
    const down = await downloadThroughPickup(
      url,
      'big@example.nl',
      up.submitted.recipients[0].ceId,
    );
    const same = down.sha256 === up.sha256 && up.submitted.attachments[0].sha256 === up.sha256;
    console.log(
      `Pickup download of 100 MB (ranged reads from Azurite, decrypted, streamed): ${(100 / down.seconds).toFixed(1)} MB/s${same ? '' : ' (DIGEST MISMATCH)'}`,
    );
    console.log(
      `Server RSS: ${baseline.toFixed(0)} MB after start, peak ${peakRss(child.pid).toFixed(0)} MB over the 100 MB round trip`,
    );
    console.log(`Azurite peak RSS: ${peakRss(azurite.child.pid).toFixed(0)} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    azurite.child.kill('SIGTERM');
    await new Promise((r) => azurite.child.once('exit', r));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
