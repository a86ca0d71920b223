'use strict';
// SMTP connector intake with Postfix's smtp-source (20 sessions, 5 KB messages; Zegel answers 250
// only once a message is encrypted and committed), and in the same run Postfix's own intake of the
// same load (its queue is fsynced too), with the ratio. The server runs as its own process on
// loopback. Postfix must be installed (Debian package postfix) and the bench run as root for the
// Postfix half; without it that half is skipped.
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cpuSeconds, eventLoopDelay, freePort, startZegel } = require('./support/server-process');

const ROOT = join(__dirname, '..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const SESSIONS = 20;
const BODY_BYTES = 5 * 1024;
const SMTP_SOURCE = '/usr/sbin/smtp-source';

/** test/support/connector-postfix.ts is TypeScript: bundle it once with esbuild, as the lab bench does. */
function loadPostfixSupport() {
  const esbuild = require('esbuild');
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-connector-bench', 'postfix.js');
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'test', 'support', 'connector-postfix.ts')],
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

async function main() {
  if (!existsSync(SMTP_SOURCE)) {
    console.log('connector: skipped (smtp-source not installed; Debian package postfix)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'zegel-connector-bench-'));
  let zegel;
  let postfix;
  try {
    const file = messageFile(root);
    const smtpPort = await freePort();
    zegel = await startZegel(root, {
      ZEGEL_PORT: String(await freePort()),
      ZEGEL_SMTP_PORT: String(smtpPort),
      // smtp-source speaks no STARTTLS; the bench measures intake, not TLS.
      ZEGEL_SMTP_REQUIRE_TLS: 'false',
      ZEGEL_LOG_LEVEL: 'error',
    });
    await eventLoopDelay(zegel); // starts the window
    const cpuBefore = cpuSeconds(zegel.pid);
    const zegelMs = await smtpSource(smtpPort, file);
    const cpuMs = ((cpuSeconds(zegel.pid) - cpuBefore) * 1000) / MESSAGES;
    const stall = await eventLoopDelay(zegel);
    const exited = new Promise((r) => zegel.once('exit', r));
    zegel.kill('SIGTERM');
    await exited;
    zegel = undefined;
    const Database = require('better-sqlite3');
    const db = new Database(join(root, 'data', 'zegel.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT COUNT(*) AS n FROM messages').get().n;
    db.close();

    console.log(
      `connector: ${MESSAGES} messages of ${BODY_BYTES / 1024} KB, ${SESSIONS} sessions (smtp-source)`,
    );
    console.log(
      `  Zegel intake (250 after encrypt + commit)  ${rate(zegelMs)} msg/s  (${zegelMs.toFixed(0)} ms, ${stored} stored)`,
    );
    console.log(
      `  Zegel server CPU per message              ${cpuMs.toFixed(1)} ms (one core's ceiling ${(1000 / cpuMs).toFixed(0)} msg/s)`,
    );
    console.log(
      `  Zegel event loop delay during intake      p99 ${stall.p99.toFixed(1)} ms, max ${stall.max.toFixed(1)} ms`,
    );

    if (process.getuid?.() !== 0) {
      console.log(
        '  Postfix intake                            skipped (needs root to run its own instance)',
      );
      return;
    }
    const { startPostfix } = loadPostfixSupport();
    const postfixPort = await freePort();
    postfix = startPostfix({ port: postfixPort, discard: true });
    const postfixMs = await smtpSource(postfixPort, file);
    console.log(
      `  Postfix intake (queue file fsynced)       ${rate(postfixMs)} msg/s  (${postfixMs.toFixed(0)} ms)`,
    );
    console.log(
      `  ratio Zegel / Postfix                     ${(postfixMs / zegelMs).toFixed(2)} (goal ≥ 1.0)`,
    );
  } finally {
    zegel?.kill('SIGKILL');
    postfix?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
