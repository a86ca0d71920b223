// SmartTLS against testssl.sh: a full check of one lab MX (both of its addresses, IPv4 and IPv6,
// every item) by each, timed side by side, and their findings compared. Needs server/dist (`npm run
// bench` builds it first) and the Debian packages unbound, ldnsutils, openssl and testssl.sh.
// Prints figures; asserts nothing.
'use strict';
const { execFile } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { SmartTlsEngine, judge } = require('../server/dist/smarttls/smarttls.engine');
const { OutboundGuard } = require('../server/dist/common/net/outbound-guard');

const ROOT = join(__dirname, '..');
// dual.mx.test: the good server on 127.0.0.2 and the weak-DH server on ::1.
const DOMAIN = 'dual.mail.test';
const MX = 'dual.mx.test';
const TESTSSL_LIMIT_MS = 480_000;

/** The lab builders are TypeScript under test/support: bundle them once with esbuild. */
function loadLab() {
  const esbuild = require('esbuild');
  // Inside the repository so that the bundle finds smtp-server and dns-packet in node_modules.
  const outfile = join(ROOT, 'node_modules', '.cache', 'zegel-smarttls-bench', 'lab.js');
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

function testssl(args) {
  const bin = ['testssl', 'testssl.sh'].find((name) => {
    try {
      require('node:child_process').execFileSync('which', [name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin)
    return Promise.reject(new Error('testssl.sh is not installed (Debian package testssl.sh)'));
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      args,
      { timeout: TESTSSL_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error) => resolve(error && error.killed ? 'timeout' : 'done'),
    );
    child.stdin?.end();
  });
}

/** testssl.sh findings in the same terms as Zegel's. */
function readTestssl(file) {
  const text = readFileSync(file, 'utf8');
  let findings;
  try {
    findings = JSON.parse(text);
  } catch {
    // Stopped at the time limit: the findings written so far.
    findings = JSON.parse(`${text.slice(0, text.lastIndexOf('}') + 1)}]`);
  }
  const byId = (id) => findings.find((f) => f.id === id || f.id.startsWith(`${id} `));
  const offered = (id) => {
    const f = byId(id);
    if (!f) return null;
    return /not offered/i.test(f.finding) ? false : /offered/i.test(f.finding) ? true : null;
  };
  const trust = byId('cert_chain_of_trust');
  const name = byId('cert_trust');
  const expiry = byId('cert_expirationStatus');
  return {
    protocols: {
      TLSv1: offered('TLS1'),
      'TLSv1.1': offered('TLS1_1'),
      'TLSv1.2': offered('TLS1_2'),
      'TLSv1.3': offered('TLS1_3'),
    },
    trusted: trust ? /^passed/i.test(trust.finding) : null,
    nameMatches: name
      ? /ok via|matches/i.test(name.finding) && !/does not match/i.test(name.finding)
      : null,
    expired: expiry ? /expired/i.test(expiry.finding) : null,
    raw: { trust: trust?.finding, name: name?.finding, expiry: expiry?.finding },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zegel-smarttls-bench-'));
  const { startSmartTlsLab, LAB_HOSTS, LAB_PRIVATE_TARGETS } = loadLab();
  const lab = await startSmartTlsLab();
  try {
    const options = {
      resolver: lab.dns,
      caFile: lab.ca.rootFile,
      smtpPort: lab.port,
      mtaStsPort: lab.port,
      ehloName: 'bench.zegel.test',
      guard: OutboundGuard.fromList(LAB_PRIVATE_TARGETS.split(',')),
    };
    // The median of three full checks, each by a fresh engine (nothing cached).
    const runs = [];
    let report;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      report = await new SmartTlsEngine(options).check(DOMAIN, 'dane-or-mta-sts');
      runs.push(performance.now() - started);
    }
    const zegelMs = runs.sort((a, b) => a - b)[1];
    let start;

    // testssl.sh checks one address a run: both addresses of the MX at once, as Zegel does.
    start = performance.now();
    const addresses = [
      { ip: LAB_HOSTS.good, extra: [] },
      { ip: LAB_HOSTS.weakdh, extra: ['-6'] },
    ];
    const outcomes = await Promise.all(
      addresses.map((a, i) =>
        testssl([
          '--starttls',
          'smtp',
          '--quiet',
          '--color',
          '0',
          '--warnings',
          'off',
          '--nodns',
          'none',
          ...a.extra,
          '--ip',
          a.ip,
          '--add-ca',
          lab.ca.rootFile,
          '--jsonfile',
          join(dir, `testssl-${i}.json`),
          `${MX}:${lab.port}`,
        ]),
      ),
    );
    const testsslMs = performance.now() - start;

    console.log(
      `SmartTLS full check of ${DOMAIN} (MX ${MX}: ${report.mx.map((m) => m.address).join(' and ')}, port ${lab.port})`,
    );
    console.log(
      `  zegel:      ${zegelMs.toFixed(0)} ms, median of ${runs.map((r) => r.toFixed(0)).join(', ')} (last run per address: ${report.mx.map((m) => `${m.address} ${m.durationMs} ms`).join(', ')}; verdict ${report.verdict})`,
    );
    console.log(
      `  testssl.sh: ${testsslMs.toFixed(0)} ms${outcomes.includes('timeout') ? ' (stopped at the time limit)' : ''} (both addresses in parallel, default checks)`,
    );
    console.log(
      `  ratio:      testssl.sh takes ${outcomes.includes('timeout') ? 'at least ' : ''}${(testsslMs / zegelMs).toFixed(1)}× as long (Zegel needs ${((zegelMs / testsslMs) * 100).toFixed(2)} % of its time; goal ≤ 1 %)`,
    );

    for (const [i, mx] of report.mx.entries()) {
      let other;
      try {
        other = readTestssl(join(dir, `testssl-${i}.json`));
      } catch (error) {
        console.log(`  ${mx.address}: no testssl.sh findings to compare: ${error.message}`);
        continue;
      }
      const ours = {
        protocols: Object.fromEntries(mx.versions.map((v) => [v.version, v.supported])),
        trusted: mx.certificate?.trusted ?? null,
        nameMatches: mx.certificate?.nameMatches ?? null,
        expired: mx.certificate?.expired ?? null,
      };
      const disagreements = [];
      for (const version of Object.keys(other.protocols)) {
        if (
          other.protocols[version] !== null &&
          other.protocols[version] !== ours.protocols[version]
        ) {
          disagreements.push(
            `${version}: zegel ${ours.protocols[version]}, testssl.sh ${other.protocols[version]}`,
          );
        }
      }
      for (const key of ['trusted', 'nameMatches', 'expired']) {
        if (other[key] !== null && other[key] !== ours[key]) {
          disagreements.push(`${key}: zegel ${ours[key]}, testssl.sh ${other[key]}`);
        }
      }
      console.log(`  ${mx.address}: protocols (zegel)      ${JSON.stringify(ours.protocols)}`);
      console.log(`  ${mx.address}: protocols (testssl.sh) ${JSON.stringify(other.protocols)}`);
      console.log(
        `  ${mx.address}: disagreements: ${disagreements.length ? disagreements.join('; ') : 'none'}`,
      );
    }
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules', '.cache', 'zegel-smarttls-bench'), {
      recursive: true,
      force: true,
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
