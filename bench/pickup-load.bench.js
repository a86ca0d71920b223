'use strict';
// Pickup under load: 200 concurrent clients (autocannon) for 10 s on the pickup page and on one
// unlocked copy's GET /api/v1/pickup/:token/message, next to a bare NestJS endpoint in the same run.
// Goal (issue 14): ≥ 0.5× the bare endpoint's req/s, p99 no worse than twice the bare endpoint's.
const autocannon = require('autocannon');
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cpuSeconds, freePort, request, startZegel } = require('./support/server-process');
const { outboxMail } = require('./support/big-attachment');

const CONNECTIONS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;

function startProcess(args, env, ready) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const found = ready(out);
      if (found) resolve({ child, found });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function load(url, headers, duration = SECONDS) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

/**
 * A load run with the server's CPU time per answered request: on a machine where the load
 * generator shares the cores, req/s moves with whatever else runs, CPU per request much less.
 */
async function measured(pid, url, headers) {
  const before = cpuSeconds(pid);
  const result = await load(url, headers);
  result.cpuMicros = ((cpuSeconds(pid) - before) * 1e6) / Math.max(1, result.requests.total);
  return result;
}

const row = (label, r) =>
  `  ${label.padEnd(40)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  max ${String(r.latency.max).padStart(5)} ms  ${String(Math.round(r.cpuMicros)).padStart(4)} µs CPU/req` +
  (r.non2xx || r.errors
    ? `  (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`
    : '');

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-pickup-load-'));
  const port = await freePort();
  const zegel = await startZegel(root, {
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_LOG_LEVEL: 'error',
  });
  const bare = await startProcess(
    [join(__dirname, 'support', 'bare-nest.js')],
    { PATH: process.env.PATH },
    (out) => /port (\d+)/.exec(out)?.[1],
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    const submitted = await request(`${url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        classification: 'registered',
        subject: 'Benchmark',
        recipients: [{ address: 'patient@example.nl' }],
        html: '<p>' + 'Vertrouwelijk. '.repeat(270) + '</p>',
      }),
    });
    if (submitted.status !== 201) throw new Error(`intake answered ${submitted.status}`);
    const { recipients } = JSON.parse(submitted.body);
    const notice = await outboxMail(url, (m) => m.to.includes('patient@example.nl'));
    const token = /\/p\/([A-Za-z0-9_-]{22})/.exec(notice.text)[1];
    const unlock = await request(`${url}/api/v1/pickup/${token}/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ceId: recipients[0].ceId }),
    });
    if (unlock.status !== 200) throw new Error(`unlock answered ${unlock.status}`);
    const cookie = String(unlock.headers['set-cookie']).split(';')[0];

    const bareUrl = `http://127.0.0.1:${bare.found}/bare/message`;
    await load(bareUrl, {}); // warm-up of the machine, not counted
    const bareResult = await measured(bare.child.pid, bareUrl, {});
    // Each Zegel endpoint is warmed up as the bare one is (optimised code, filled caches), so that
    // the figures compare the same steady state and not a cold start against a warm one.
    const pageUrl = `${url}/p/${token}`;
    const apiUrl = `${url}/api/v1/pickup/${token}/message`;
    await load(pageUrl, {}, WARM_UP_SECONDS);
    const page = await measured(zegel.pid, pageUrl, {});
    await load(apiUrl, { cookie }, WARM_UP_SECONDS);
    const api = await measured(zegel.pid, apiUrl, { cookie });
    const goal = (r) => {
      const ratio = r.requests.average / bareResult.requests.average;
      const p99 = r.latency.p99 / Math.max(1, bareResult.latency.p99);
      return `  ratio ${ratio.toFixed(2)} (goal ≥ 0.5), p99 ×${p99.toFixed(1)} of bare (goal ≤ 2)`;
    };
    console.log(`pickup under ${CONNECTIONS} concurrent clients, ${SECONDS} s each (autocannon)`);
    console.log(row('bare NestJS endpoint', bareResult));
    console.log(row('pickup page /p/:token', page) + goal(page));
    console.log(row('GET /api/v1/pickup/:token/message', api) + goal(api));
  } finally {
    bare.child.kill('SIGTERM');
    zegel.kill('SIGTERM');
    await new Promise((r) => zegel.once('exit', r));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
