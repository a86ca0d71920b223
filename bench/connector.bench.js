'use strict';
// SMTP connector intake with Postfix's smtp-source (20 sessions, 5 KB messages; Zegel answers 250
// only once a message is encrypted and committed), and in the same run Postfix's own intake of the
// same load (its queue is fsynced too), with the ratio. Zegel runs twice: on its embedded default
// (its own mails to the development outbox's files) and as in production, sending its own mails to
// a smart host on loopback over STARTTLS. The server runs as its own process on loopback. Postfix
// must be installed (Debian package postfix) and the bench run as root for the Postfix half;
// without it that half is skipped.
const { spawn } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cpuSeconds, eventLoopDelay, freePort, startZegel } = require('./support/server-process');

const ROOT = join(__dirname, '..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const SESSIONS = 20;
const BODY_BYTES = 5 * 1024;
const SMTP_SOURCE = '/usr/sbin/smtp-source';

/** test/support/<name>.ts is TypeScript: bundle it once with esbuild, as the lab bench does. */
function loadSupport(name) {
  const esbuild = require('esbuild');
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-connector-bench', `${name}.js`);
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'test', 'support', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return require(outfile);
}

/** One classified message of 5 KB body, as Exchange relays it. */
function messageFile(dir) {
  const line = 'Vertrouwelijke inhoud voor de benchmark van de Zegel SMTP-connector.....\n';
  const body = line.repeat(Math.ceil(BODY_BYTES / line.length)).slice(0, BODY_BYTES);
  const file = join(dir, 'message.eml');
  writeFileSync(
    file,
    [
      'From: jan@zorg.example',
      'To: patient@example.nl',
      'Subject: Benchmark',
      'X-Zegel-Classification: confidential',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\n'),
  );
  return file;
}

function smtpSource(port, file) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = ['-s', String(SESSIONS), '-m', String(MESSAGES), '-d', '-F', file];
    args.push('-f', 'jan@zorg.example', '-t', 'patient@example.nl', `127.0.0.1:${port}`);
    const child = spawn(SMTP_SOURCE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code !== 0 || stderr.trim())
        reject(new Error(`smtp-source: ${code} ${stderr.slice(0, 500)}`));
      else resolve(ms);
    });
  });
}

const rate = (ms) => (MESSAGES / (ms / 1000)).toFixed(0);

/**
 * A smart host on loopback that offers STARTTLS (the test sink's localhost certificate) and
 * discards what it receives, counting mails and connections.
 */
async function startSmartHost(dir) {
  const { SMTPServer } = require('smtp-server');
  const { key, cert: caFile } = loadSupport('smtp-sink').localhostCertificate(dir);
  const counts = { mails: 0, connections: 0 };
  const server = new SMTPServer({
    key: readFileSync(key),
    cert: readFileSync(caFile),
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      counts.connections++;
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        counts.mails++;
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    caFile,
    get mails() {
      return counts.mails;
    },
    get connections() {
      return counts.connections;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** smtp-source against a Zegel of its own under `dir`, with `env` on top of the bench's. */
async function zegelIntake(dir, file, env) {
  mkdirSync(dir);
  const smtpPort = await freePort();
  const zegel = await startZegel(dir, {
    ZEGEL_PORT: String(await freePort()),
    ZEGEL_SMTP_PORT: String(smtpPort),
    // smtp-source speaks no STARTTLS; the bench measures intake, not TLS.
    ZEGEL_SMTP_REQUIRE_TLS: 'false',
    ZEGEL_LOG_LEVEL: 'error',
    ...env,
  });
  try {
    await eventLoopDelay(zegel); // starts the window
    const cpuBefore = cpuSeconds(zegel.pid);
    const ms = await smtpSource(smtpPort, file);
    const cpuMs = ((cpuSeconds(zegel.pid) - cpuBefore) * 1000) / MESSAGES;
    const stall = await eventLoopDelay(zegel);
    const exited = new Promise((r) => zegel.once('exit', r));
    zegel.kill('SIGTERM');
    await exited;
    const Database = require('better-sqlite3');
    const db = new Database(join(dir, 'data', 'zegel.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT COUNT(*) AS n FROM messages').get().n;
    db.close();
    return { ms, cpuMs, stall, stored };
  } finally {
    zegel.kill('SIGKILL');
  }
}

async function main() {
  if (!existsSync(SMTP_SOURCE)) {
    console.log('connector: skipped (smtp-source not installed; Debian package postfix)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'zegel-connector-bench-'));
  let postfix;
  let smartHost;
  try {
    const file = messageFile(root);
    console.log(
      `connector: ${MESSAGES} messages of ${BODY_BYTES / 1024} KB, ${SESSIONS} sessions (smtp-source)`,
    );
    const one = await zegelIntake(join(root, 'capture'), file, {});
    console.log(
      `  Zegel intake (250 after encrypt + commit)  ${rate(one.ms)} msg/s  (${one.ms.toFixed(0)} ms, ${one.stored} stored)`,
    );
    console.log(
      `  Zegel server CPU per message              ${one.cpuMs.toFixed(1)} ms (one core's ceiling ${(1000 / one.cpuMs).toFixed(0)} msg/s)`,
    );
    console.log(
      `  Zegel event loop delay during intake      p99 ${one.stall.p99.toFixed(1)} ms, max ${one.stall.max.toFixed(1)} ms`,
    );
    // As in production: Zegel's own mails (a notification and a sender notice per message) go to
    // a smart host over STARTTLS instead of the development outbox's files.
    smartHost = await startSmartHost(root);
    const relayed = await zegelIntake(join(root, 'relay'), file, {
      ZEGEL_OUTBOUND_MODE: 'relay',
      ZEGEL_RELAY_URL: `smtp://localhost:${smartHost.port}`,
      ZEGEL_CA_FILE: smartHost.caFile,
    });
    console.log(
      `  Zegel intake, mail via a smart host       ${rate(relayed.ms)} msg/s  (${relayed.ms.toFixed(0)} ms, ${relayed.stored} stored, ${relayed.cpuMs.toFixed(1)} ms CPU per message; ${smartHost.mails} mails relayed over ${smartHost.connections} connections by then)`,
    );
    const zegelMs = one.ms;

    if (process.getuid?.() !== 0) {
      console.log(
        '  Postfix intake                            skipped (needs root to run its own instance)',
      );
      return;
    }
    const { startPostfix } = loadSupport('connector-postfix');
    const postfixPort = await freePort();
    postfix = startPostfix({ port: postfixPort, discard: true });
    const postfixMs = await smtpSource(postfixPort, file);
    console.log(
      `  Postfix intake (queue file fsynced)       ${rate(postfixMs)} msg/s  (${postfixMs.toFixed(0)} ms)`,
    );
    console.log(
      `  ratio Zegel / Postfix                     ${(postfixMs / zegelMs).toFixed(2)} (goal ≥ 1.0)`,
    );
    console.log(
      `  ratio, mail via a smart host              ${(postfixMs / relayed.ms).toFixed(2)} (goal ≥ 1.0)`,
    );
  } finally {
    await smartHost?.close();
    postfix?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
