// Delivery throughput to a lab MX in messages per second, for the direct route (confidential, TLS
// held to the DANE verdict, DKIM-signed) and the pickup route (registered: the notification mail).
// The server runs as its own process on loopback; the lab (STARTTLS MX hosts, DNSSEC zones in
// unbound, test CA) is the delivery lab of the tests. Needs server/dist (`npm run bench` builds it)
// and the Debian packages unbound, ldnsutils and openssl. Prints figures; asserts nothing.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cpuSeconds } = require('./support/server-process');

const ROOT = join(__dirname, '..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const CONCURRENCY = 8;
const BIG_MB = 50;

const peakRssMb = (pid) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** One confidential message with a large attachment, uploaded as a stream, delivered directly. */
async function big(url, mx, domain) {
  const boundary = 'zegelbench' + randomBytes(8).toString('hex');
  const meta = JSON.stringify({
    classification: 'confidential',
    subject: 'Big',
    recipients: [{ address: `big@${domain}` }],
    text: 'see attachment',
  });
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const chunk = randomBytes(1024 * 1024);
  const before = mx.received.length;
  const started = process.hrtime.bigint();
  await new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/messages`,
      { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 201 ? resolve() : reject(new Error(`upload: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    (async () => {
      req.write(head);
      for (let i = 0; i < BIG_MB; i++)
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      req.end(`\r\n--${boundary}--\r\n`);
    })();
  });
  await until('the large mail at the MX', () => mx.received.length > before, 300_000);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The lab builders are TypeScript under test/support: bundle them once with esbuild. */
function loadLab() {
  const esbuild = require('esbuild');
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-delivery-bench', 'lab.js');
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'test', 'support', 'delivery-lab.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['smtp-server', 'dns-packet'],
    logLevel: 'error',
  });
  return require(outfile);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function until(what, condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Submits `count` messages (8 at a time) and times until the MX has received them all. */
async function run(url, mx, classification, domain, count, pid) {
  const before = mx.received.length;
  const sessionsBefore = mx.connections;
  const cpuBefore = cpuSeconds(pid);
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const res = await post(`${url}/api/v1/messages`, {
          classification,
          subject: `bench ${i}`,
          recipients: [{ address: `r${i}@${domain}` }],
          text: `bench message ${i}`,
        });
        if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${res.body}`);
      }
    }),
  );
  const accepted = Number(process.hrtime.bigint() - started) / 1e9;
  await until(
    `${count} ${classification} mails at the MX`,
    () => mx.received.length - before >= count,
    300_000,
  );
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / count;
  return { accepted, total, cpuMs, sessions: mx.connections - sessionsBefore };
}

async function main() {
  const { startDeliveryLab, DOMAINS } = loadLab();
  const lab = await startDeliveryLab();
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-'));
  const port = await freePort();
  let child;
  try {
    child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        ZEGEL_AUTH_MODE: 'dev',
        ZEGEL_PORT: String(port),
        ZEGEL_SMTP_PORT: '0',
        ZEGEL_METRICS_PORT: '0',
        ZEGEL_LOG_LEVEL: 'warn',
        ZEGEL_CEID_CHANNEL: 'sender',
        ...lab.env(),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    await until('the server', () => output.includes('Zegel is running.'), 30_000);
    const url = `http://127.0.0.1:${port}`;
    // Warm the SmartTLS verdict so the figures are about delivery, not the first check.
    await post(`${url}/api/v1/policy/preflight`, {
      classification: 'confidential',
      recipients: [`x@${DOMAINS.pass}`],
    });
    const mx = lab.mx.good;
    const direct = await run(url, mx, 'confidential', DOMAINS.pass, MESSAGES, child.pid);
    const pickup = await run(url, mx, 'registered', DOMAINS.pass, MESSAGES, child.pid);
    const rssBefore = peakRssMb(child.pid);
    const bigSeconds = await big(url, mx, DOMAINS.pass);
    const rssAfter = peakRssMb(child.pid);
    const line = (name, r) =>
      `${name.padEnd(8)} ${MESSAGES} messages: accepted in ${r.accepted.toFixed(2)} s, at the MX after ${r.total.toFixed(2)} s = ${(MESSAGES / r.total).toFixed(1)} messages/s; server CPU ${r.cpuMs.toFixed(1)} ms per message; ${r.sessions} SMTP sessions at the MX`;
    console.log(line('direct', direct));
    console.log(line('pickup', pickup));
    console.log(
      `direct, one ${BIG_MB} MB attachment (DKIM-signed, streamed twice from the vault): upload to MX in ${bigSeconds.toFixed(2)} s; server peak RSS ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`,
    );
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await lab.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
