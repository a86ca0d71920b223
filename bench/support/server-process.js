'use strict';
// What several benchmarks do the same way: start Zegel as its own process on loopback, find a free
// port, make an HTTP request, measure the raw AES-256-GCM + fsynced disk-write floor, and read a
// process's RSS and CPU from /proc.
const { spawn } = require('node:child_process');
const { createCipheriv, randomBytes } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const { open } = require('node:fs/promises');
const http = require('node:http');
const net = require('node:net');
const { join } = require('node:path');

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * An HTTP request; `body` may be a function that writes to the request; `onBody` sees each chunk;
 * `localAddress` picks the loopback address it comes from.
 */
function request(url, { method = 'GET', headers = {}, body, onBody, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress }, (res) => {
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

/**
 * How long the server's event loop stood still since the last call (prom-client's default metrics
 * on its metrics listener, reset at every scrape): p99 and max in ms. A stall here holds up every
 * request and SMTP session at once, which throughput alone does not show.
 */
async function eventLoopDelay(zegel) {
  const { body } = await request(zegel.metricsUrl);
  const read = (name) => {
    const metric = `zegel_nodejs_eventloop_lag_${name}_seconds`;
    const value = new RegExp(`^${metric} (\\S+)$`, 'm').exec(body)?.[1];
    if (value === undefined) throw new Error(`${zegel.metricsUrl} has no ${metric}`);
    return Number(value) * 1000;
  };
  return { p99: read('p99'), max: read('max') };
}

/** MB/s of the floor: AES-256-GCM over `bytes` plus a write of them to disk, fsynced. */
async function rawEncryptAndWrite(dir, bytes) {
  const chunk = randomBytes(1024 * 1024);
  const started = process.hrtime.bigint();
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const file = await open(join(dir, 'raw.bin'), 'w');
  for (let i = 0; i < bytes / chunk.length; i++) await file.write(cipher.update(chunk));
  await file.write(cipher.final());
  await file.sync();
  await file.close();
  return bytes / 1024 / 1024 / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Resets the peak RSS the kernel keeps for a process (Linux ≥ 4.0), so growth can be measured. */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const statusMb = (pid, field) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
};
/** Resident memory now, in MB. */
const currentRss = (pid) => statusMb(pid, 'VmRSS');
/** The highest resident memory since start or since `resetPeakRss`, in MB. */
const peakRss = (pid) => statusMb(pid, 'VmHWM');

/** CPU seconds (user + system) the process has used so far, from /proc (clock ticks of 1/100 s). */
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const ROOT = join(__dirname, '..', '..');

/** A development-mode environment with data and keys under `root`, plus `env`. */
const zegelEnv = (root, env) => ({
  PATH: process.env.PATH,
  ZEGEL_AUTH_MODE: 'dev',
  ZEGEL_METRICS_PORT: '0',
  ZEGEL_LOG_LEVEL: 'warn',
  ZEGEL_DATA_DIR: join(root, 'data'),
  ZEGEL_KEY_DIR: join(root, 'keys'),
  ...env,
});

/**
 * Zegel in development mode as its own process, with its data and keys under `root`; resolves
 * once it says it is running. BENCH_CPU_PROF=<dir> writes a V8 CPU profile there (--cpu-prof);
 * BENCH_SQL_TIME=1 prints each SQL statement's count and time when the server exits (SQLite and
 * PostgreSQL);
 * BENCH_NODE_ARGS="--flag …" passes Node or V8 flags to the server (e.g. to compare GC settings).
 */
/** Longer than a cold start on a loaded 2-core machine with a CPU profile being written. */
const START_DEADLINE_MS = 60_000;

async function startZegel(root, env) {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  profile.push(...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean));
  if (process.env.BENCH_SQL_TIME) profile.push('-r', join(__dirname, 'sql-time.js'));
  const child = spawn(process.execPath, [...profile, join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: root,
    env: zegelEnv(root, env),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    // A server that neither starts nor exits fails the bench instead of hanging it.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          out.includes('Zegel is running.')
            ? 'server started but named no metrics URL (the benches read ZEGEL_METRICS_PORT=0)'
            : `server did not start within ${START_DEADLINE_MS / 1000} s`,
        ),
      );
    }, START_DEADLINE_MS);
    child.stdout.on('data', (d) => {
      out += d;
      const metrics = /Metrics\s+(http:\S+)\n/.exec(out);
      if (out.includes('Zegel is running.') && metrics) {
        clearTimeout(deadline);
        child.metricsUrl = metrics[1];
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`server exited with ${code}`));
    });
  });
  return child;
}

module.exports = {
  startZegel,
  zegelEnv,
  cpuSeconds,
  currentRss,
  eventLoopDelay,
  freePort,
  peakRss,
  rawEncryptAndWrite,
  request,
  resetPeakRss,
};
