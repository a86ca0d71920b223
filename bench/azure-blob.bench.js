'use strict';
// A 100 MB attachment through the Azure Blob Storage blob store (Azurite on loopback): upload and
// pickup download in MB/s, with the peak RSS of the server and of Azurite. The server runs as its
// own process, with keys from `zegel keys init` as instances on a shared blob store need.
const { execFileSync, spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { mkdirSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BIG = 100 * 1024 * 1024;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function request(url, { method = 'GET', headers = {}, body, onBody } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => (onBody ? onBody(c) : chunks.push(c)));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

const currentRss = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
};

const peakRss = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
};

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
    PATH: process.env.PATH,
    ZEGEL_AUTH_MODE: 'dev',
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_METRICS_PORT: '0',
    ZEGEL_LOG_LEVEL: 'warn',
    ZEGEL_MAX_ATTACHMENT_BYTES: String(BIG + 1024),
    ZEGEL_BLOB_STORE: 'azure',
    ZEGEL_AZURE_STORAGE_CONNECTION_STRING:
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
      'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
      `BlobEndpoint=http://127.0.0.1:${azurite.port}/devstoreaccount1;`,
  };
  execFileSync(process.execPath, [join(ROOT, 'server', 'bin', 'zegel.js'), 'keys', 'init'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Zegel is running.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const baseline = currentRss(child.pid);
    // A 100 MB attachment, streamed up without ever being whole in this process either.
    const boundary = 'zegelbench' + randomBytes(8).toString('hex');
    const meta = JSON.stringify({
      classification: 'registered',
      subject: 'Big',
      recipients: [{ address: 'big@example.nl' }],
      text: 'see attachment',
    });
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const chunk = randomBytes(1024 * 1024);
    const upHash = createHash('sha256');
    const upStart = process.hrtime.bigint();
    const up = await request(`${url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: async (req) => {
        req.write(head);
        for (let i = 0; i < BIG / chunk.length; i++) {
          upHash.update(chunk);
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end(tail);
      },
    });
    const upSeconds = Number(process.hrtime.bigint() - upStart) / 1e9;
    if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${up.body}`);
    const submitted = JSON.parse(up.body);
    console.log(
      `Upload of 100 MB (encrypted, staged as blocks in Azurite): ${(100 / upSeconds).toFixed(1)} MB/s`,
    );

    // Pickup download of the same attachment.
    let token;
    for (let i = 0; i < 100 && !token; i++) {
      const outbox = JSON.parse((await request(`${url}/api/v1/admin/outbox`)).body);
      const mail = outbox.find((m) => m.to.includes('big@example.nl'));
      if (mail)
        token = /\/p\/([A-Za-z0-9_-]{22})/.exec(
          (await request(`${url}/api/v1/admin/outbox/${mail.id}`)).body,
        )[1];
      else await new Promise((r) => setTimeout(r, 100));
    }
    const unlock = await request(`${url}/api/v1/pickup/${token}/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ceId: submitted.recipients[0].ceId }),
    });
    if (unlock.status !== 200) throw new Error(`unlock answered ${unlock.status}`);
    const cookie = String(unlock.headers['set-cookie']).split(';')[0];
    const downHash = createHash('sha256');
    const downStart = process.hrtime.bigint();
    const down = await request(`${url}/api/v1/pickup/${token}/attachments/0`, {
      headers: { cookie },
      onBody: (c) => downHash.update(c),
    });
    const downSeconds = Number(process.hrtime.bigint() - downStart) / 1e9;
    if (down.status !== 200) throw new Error(`download answered ${down.status}`);
    const same = downHash.digest('hex') === upHash.digest('hex') && submitted.attachments[0].sha256;
    console.log(
      `Pickup download of 100 MB (ranged reads from Azurite, decrypted, streamed): ${(100 / downSeconds).toFixed(1)} MB/s${same ? '' : ' (DIGEST MISMATCH)'}`,
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
