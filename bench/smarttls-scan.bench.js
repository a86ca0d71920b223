// SmartTLS bulk scan: 1,000 lab domains spread over the lab's MX servers through one engine, as
// `zegel smarttls scan` runs them; time, verdicts and peak RSS. Needs server/dist (`npm run bench`
// builds it first) and the Debian packages unbound, ldnsutils and openssl. Prints figures; asserts
// nothing.
'use strict';
const { rmSync } = require('node:fs');
const { join } = require('node:path');
const { SmartTlsEngine, judge } = require('../server/dist/smarttls/smarttls.engine');
const { OutboundGuard } = require('../server/dist/common/net/outbound-guard');
const { scanDomains } = require('../server/dist/smarttls/scan/smarttls-scan');

const ROOT = join(__dirname, '..');
const BULK_DOMAINS = 1000;
const BULK_CONCURRENCY = 32;
// The lab's MX hosts that answer quickly (slow and silent ones only test time-outs).
const BULK_HOSTS = [
  'good',
  'tls13',
  'legacy',
  'noint',
  'selfsigned',
  'expired',
  'wrongname',
  'nostarttls',
  'busy',
  'weakdh',
  'relic',
];

function loadLab() {
  const esbuild = require('esbuild');
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-smarttls-scan-bench', 'lab.js');
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'test', 'support', 'lab-smarttls.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['smtp-server', 'dns-packet'],
    logLevel: 'error',
  });
  return require(outfile);
}

async function main() {
  const { startSmartTlsLab, LAB_PRIVATE_TARGETS } = loadLab();
  const bulk = {
    name: 'bulk.test',
    signing: 'unsigned',
    records: Array.from(
      { length: BULK_DOMAINS },
      (_, i) => `d${i} MX 10 ${BULK_HOSTS[i % BULK_HOSTS.length]}.mx.test.`,
    ),
  };
  const lab = await startSmartTlsLab({ extraZones: [bulk] });
  try {
    const options = {
      resolver: lab.dns,
      caFile: lab.ca.rootFile,
      smtpPort: lab.port,
      mtaStsPort: lab.port,
      ehloName: 'bench.zegel.test',
      guard: OutboundGuard.fromList(LAB_PRIVATE_TARGETS.split(',')),
    };
    const domains = Array.from({ length: BULK_DOMAINS }, (_, i) => `d${i}.bulk.test`);
    for (const [label, extra] of [
      ['sharing probes of the same MX address (the default)', {}],
      ['every domain probed from scratch', { probeCacheSeconds: 0 }],
    ]) {
      const count = label.startsWith('every') ? 200 : domains.length;
      const engine = new SmartTlsEngine({ ...options, ...extra });
      const rssBefore = process.memoryUsage().rss;
      const start = performance.now();
      const rows = await scanDomains(
        domains.slice(0, count),
        async (d) => judge(await engine.gather(d), 'pkix'),
        { concurrency: BULK_CONCURRENCY },
      );
      const ms = performance.now() - start;
      const verdict = (v) => rows.filter((r) => r.verdict === v && !r.error).length;
      console.log(
        `Bulk scan of ${count} lab domains over ${BULK_HOSTS.length} MX servers, ${BULK_CONCURRENCY} at a time, ${label}`,
      );
      console.log(
        `  time: ${(ms / 1000).toFixed(1)} s (${(count / (ms / 1000)).toFixed(1)} domains/s)`,
      );
      console.log(
        `  verdicts: ${verdict('direct')} direct, ${verdict('pickup')} pickup, ${verdict('defer')} defer, ${rows.filter((r) => r.error).length} failed`,
      );
      console.log(
        `  peak RSS of the process so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (RSS before: ${(rssBefore / 1048576).toFixed(0)} MiB)`,
      );
    }
  } finally {
    await lab.close();
    rmSync(join(ROOT, 'node_modules', '.cache', 'zegel-smarttls-scan-bench'), {
      recursive: true,
      force: true,
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
