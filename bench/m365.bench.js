'use strict';
// A 60 MB draft sent registered through Microsoft Graph: the server (its own process) exchanges the
// user's token On-Behalf-Of with the test authority (oidc-provider over HTTPS), streams the draft's
// MIME from the Graph stand-in into the vault, and answers. Prints MB/s and the server's peak RSS,
// which shows the draft is streamed, never held whole.
const { createHash } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { freePort, peakRss, request, startZegel } = require('./support/server-process');

const ROOT = join(__dirname, '..');
const SIZE = Number(process.env.BENCH_GRAPH_MB ?? 60) * 1024 * 1024;

/** The lab helpers are TypeScript: bundle them once with esbuild, as the other benches do. */
function loadLab() {
  const esbuild = require('esbuild');
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-m365-bench', 'lab.js');
  const support = join(ROOT, 'test', 'support');
  esbuild.buildSync({
    stdin: {
      contents: "export * from './m365-lab'; export { generatedContent } from './m365-graph';",
      resolveDir: support,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    packages: 'external',
    // auth-oidc-provider.ts finds its .mjs beside itself.
    define: { __dirname: JSON.stringify(support) },
    logLevel: 'error',
  });
  return require(outfile);
}

const post = (url, token, body) =>
  request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

async function main() {
  const { startM365Lab, generatedContent } = loadLab();
  const lab = await startM365Lab();
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-m365-'));
  const port = await freePort();
  // The lab's environment (sign-in, Graph) comes last, so it decides the authentication mode.
  const child = await startZegel(root, {
    // Outbound mail goes through the same Graph stand-in; oidc mode refuses the capture outbox.
    ...lab.env({ ZEGEL_OUTBOUND_MODE: 'graph' }),
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
  });
  try {
    const idle = peakRss(child.pid);
    const scan = generatedContent('scan.pdf', 'application/pdf', SIZE, 'bench');
    lab.graph.addDraft({
      id: 'bench-1',
      owner: 'anne@example.nl',
      subject: 'Bench',
      html: '<p>bench</p>',
      headers: { 'X-Zegel-Classification': 'registered' },
      to: ['patient@example.org'],
      attachments: [scan],
    });
    const hash = createHash('sha256');
    for await (const chunk of scan.open()) hash.update(chunk);
    const token = await lab.provider.token('sender');
    const started = process.hrtime.bigint();
    const res = await post(`http://127.0.0.1:${port}/api/v1/m365/intake`, token, {
      itemId: 'bench-1',
      classification: 'registered',
      recipients: [{ address: 'patient@example.org' }],
      attachments: [{ name: 'scan.pdf', size: SIZE, kind: 'file' }],
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.body}`);
    const stored = JSON.parse(res.body).attachments[0];
    if (stored.sha256 !== hash.digest('hex')) throw new Error('digest differs');
    const mb = SIZE / 1024 / 1024;
    console.log(
      `Graph intake of a ${mb} MB draft (OBO token, MIME from Graph, into the vault): ${(mb / seconds).toFixed(1)} MB/s (${seconds.toFixed(1)} s)`,
    );
    console.log(
      `Server peak RSS: ${peakRss(child.pid).toFixed(0)} MB (after start: ${idle.toFixed(0)} MB)`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await lab.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
