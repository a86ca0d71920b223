// SmartTLS against testssl.sh: a full check of one lab MX by each, timed side by side, and their
// findings compared (protocols, certificate problems). Needs server/dist (`npm run bench` builds
// it first) and the Debian packages unbound, ldnsutils, openssl and testssl.sh. Prints figures;
// asserts nothing.
'use strict';
const { execFile } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { SmartTlsEngine } = require('../server/dist/smarttls/smarttls.engine');

const ROOT = join(__dirname, '..');
const DOMAIN = 'dane.mail.test';
const MX = 'good.mx.test';
const TESTSSL_LIMIT_MS = 150_000;

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
  const findings = JSON.parse(readFileSync(file, 'utf8'));
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
  const { startSmartTlsLab, LAB_HOSTS } = loadLab();
  const lab = await startSmartTlsLab();
  try {
    const engine = new SmartTlsEngine({
      resolver: lab.dns,
      caFile: lab.ca.rootFile,
      smtpPort: lab.port,
      mtaStsPort: lab.port,
      ehloName: 'bench.zegel.test',
    });
    let start = performance.now();
    const report = await engine.check(DOMAIN, 'dane-or-mta-sts');
    const zegelMs = performance.now() - start;
    const mx = report.mx[0];

    const json = join(dir, 'testssl.json');
    start = performance.now();
    const outcome = await testssl([
      '--starttls',
      'smtp',
      '--quiet',
      '--color',
      '0',
      '--warnings',
      'off',
      '--nodns',
      'none',
      '--ip',
      LAB_HOSTS.good,
      '--add-ca',
      lab.ca.rootFile,
      '--jsonfile',
      json,
      `${MX}:${lab.port}`,
    ]);
    const testsslMs = performance.now() - start;

    console.log(`SmartTLS full check of ${DOMAIN} (MX ${MX}, ${LAB_HOSTS.good}:${lab.port})`);
    console.log(
      `  zegel:      ${zegelMs.toFixed(0)} ms (MX probe ${mx.durationMs} ms; verdict ${report.verdict})`,
    );
    console.log(
      `  testssl.sh: ${testsslMs.toFixed(0)} ms${outcome === 'timeout' ? ' (stopped at the time limit)' : ''}`,
    );
    console.log(`  ratio:      testssl.sh takes ${(testsslMs / zegelMs).toFixed(1)}× as long`);

    let other;
    try {
      other = readTestssl(json);
    } catch (error) {
      console.log(`  no testssl.sh findings to compare: ${error.message}`);
      return;
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
        disagreements.push(
          `${key}: zegel ${ours[key]}, testssl.sh ${other[key]} (${JSON.stringify(other.raw)})`,
        );
      }
    }
    console.log(`  protocols (zegel):      ${JSON.stringify(ours.protocols)}`);
    console.log(`  protocols (testssl.sh): ${JSON.stringify(other.protocols)}`);
    console.log(
      `  certificate (zegel):      trusted=${ours.trusted} name=${ours.nameMatches} expired=${ours.expired}`,
    );
    console.log(
      `  certificate (testssl.sh): trusted=${other.trusted} name=${other.nameMatches} expired=${other.expired}`,
    );
    console.log(`  testssl.sh said: ${JSON.stringify(other.raw)}`);
    console.log(
      disagreements.length
        ? `  disagreements:\n    - ${disagreements.join('\n    - ')}`
        : '  disagreements: none',
    );
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
