import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LAB_PRIVATE_TARGETS, startSmartTlsLab, type SmartTlsLab } from '../support/lab-smarttls';
import { SmartTlsService } from '../../server/src/smarttls/smarttls.service';
import { loadConfig } from '../../server/src/config/config';

jest.setTimeout(180_000);
const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const bin = join(root, 'server', 'bin', 'zegel.js');

let lab: SmartTlsLab;

beforeAll(async () => {
  // The real command runs from the compiled server. tsc still writes its output when files
  // elsewhere in the server have type errors; what matters here is that the CLI was compiled now.
  const started = Date.now();
  await run('npm', ['run', 'build', '-w', 'shared', '--silent'], { cwd: root });
  const build = await run('npx', ['tsc', '-p', 'server/tsconfig.build.json'], { cwd: root }).catch(
    (error: { stdout: string }) => error,
  );
  const compiled = join(root, 'server', 'dist', 'cli', 'smarttls.command.js');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < started - 1000) {
    throw new Error(`the server did not build:\n${(build as { stdout: string }).stdout}`);
  }
  lab = await startSmartTlsLab();
});

afterAll(async () => {
  await lab?.close();
});

const zegel = (args: string[]) =>
  run('node', [bin, ...args], {
    cwd: root,
    env: {
      ...process.env,
      ZEGEL_LOG_LEVEL: 'silent',
      ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

const labArgs = () => [
  '--resolver',
  lab.dns.address,
  '--ca',
  lab.ca.rootFile,
  '--smtp-port',
  String(lab.port),
  '--mta-sts-port',
  String(lab.port),
];

describe('zegel smarttls check (built command)', () => {
  it('prints one JSON object with the report', async () => {
    const { code, stdout } = await zegel([
      'smarttls',
      'check',
      'dane.mail.test',
      '--json',
      ...labArgs(),
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      domain: 'dane.mail.test',
      verdict: 'direct',
      policy: 'dane-or-mta-sts',
    });
    expect(report.reasons[0]).toEqual({
      code: 'AUTHENTICATED_BY_DANE',
      message: expect.any(String),
      host: 'good.mx.test',
    });
    for (const key of [
      'host',
      'address',
      'starttls',
      'versions',
      'ciphers',
      'certificate',
      'dane',
      'grade',
    ]) {
      expect(report.mx[0]).toHaveProperty(key);
    }
    for (const key of ['mtaSts', 'nta7516', 'durationMs']) expect(report).toHaveProperty(key);
  });

  it('exits 0 for a pickup verdict and writes a text report a mail admin can read', async () => {
    const { code, stdout } = await zegel([
      'smarttls',
      'check',
      'legacy.mail.test',
      '--policy',
      'pkix',
      ...labArgs(),
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Verdict: PICKUP');
    expect(stdout).toContain('[TLS_VERSION_TOO_LOW]');
    expect(stdout).toMatch(/suite TLSv1\.1 TLS_RSA_WITH_AES_128_CBC_SHA: insufficient/);
  });

  it.each([
    [['smarttls', 'check'], 'missing the domain'],
    [['smarttls', 'check', 'bad_domain!'], 'is not a domain name'],
    [['smarttls', 'check', 'a.test', '--policy', 'lax'], '--policy must be one of'],
    [['smarttls', 'check', 'a.test', '--resolver', 'nowhere'], '--resolver needs host:port'],
  ])('refuses %j with a clear message', async (args, message) => {
    const { code, stderr } = await zegel(args);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it('refuses a CA file that does not exist', async () => {
    const { code, stderr } = await zegel([
      'smarttls',
      'check',
      'a.test',
      '--ca',
      '/nonexistent/ca.pem',
    ]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('/nonexistent/ca.pem');
  });
});

describe('SmartTlsService', () => {
  it('shares one probe between concurrent checks and answers repeats from the cache', async () => {
    const config = loadConfig(
      {
        ZEGEL_AUTH_MODE: 'dev',
        ZEGEL_DNS_RESOLVER: lab.dns.address,
        ZEGEL_CA_FILE: lab.ca.rootFile,
        ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
      },
      root,
    );
    Object.assign(config.smarttls, { smtpPort: lab.port, mtaStsPort: lab.port });
    const service = new SmartTlsService(config);
    const before = lab.https.hits.get('mta-sts.sts.plain.test') ?? 0;
    const [a, b] = await Promise.all([
      service.check('sts.plain.test'),
      service.check('STS.plain.test.'),
    ]);
    expect(a.checkedAt).toBe(b.checkedAt);
    expect(a.verdict).toBe('direct');
    expect(lab.https.hits.get('mta-sts.sts.plain.test')).toBe(before + 1);
    const again = await service.check('sts.plain.test', { policy: 'dane-only' });
    expect(again.checkedAt).toBe(a.checkedAt);
    expect(again.verdict).toBe('pickup');
    const requirements = await service.deliveryRequirements('sts.plain.test');
    expect(requirements.hosts).toEqual([
      expect.objectContaining({
        host: 'good.mx.test',
        minVersion: 'TLSv1.2',
        authentication: { kind: 'pkix', caFile: lab.ca.rootFile, checkName: true },
      }),
    ]);
    expect(requirements.hosts[0].ciphers).not.toMatch(/CBC|TLS_AES_128_CCM_8/);
    await expect(service.check('not a domain')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('zegel smarttls scan (built command)', () => {
  it('checks a list from standard input and writes JSON, CSV and a bilingual HTML report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'zegel-scan-'));
    try {
      const child = execFile(
        'node',
        [
          bin,
          'smarttls',
          'scan',
          '-',
          '--out',
          out,
          '--policy',
          'pkix',
          '--concurrency',
          '3',
          ...labArgs(),
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            ZEGEL_LOG_LEVEL: 'silent',
            ZEGEL_PRIVATE_TARGETS_ALLOWED: LAB_PRIVATE_TARGETS,
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c) => (stdout += c));
      child.stderr!.on('data', (c) => (stderr += c));
      child.stdin!.end(
        '# recipients\ndane.mail.test\nlegacy.mail.test\nanna@nostarttls.plain.test\nnot_a_domain!\ndane.mail.test\n',
      );
      const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? -1)));
      expect(code).toBe(0);
      expect(stdout).toContain('3 domains: 1 direct, 2 pickup, 0 defer');
      expect(stderr).toContain('skipped line 5');
      expect(stderr).toMatch(/3\/3 domains checked/);
      const reports = JSON.parse(readFileSync(join(out, 'smarttls-scan.json'), 'utf8'));
      expect(reports.map((r: { domain: string }) => r.domain).sort()).toEqual([
        'dane.mail.test',
        'legacy.mail.test',
        'nostarttls.plain.test',
      ]);
      const csv = readFileSync(join(out, 'smarttls-scan.csv'), 'utf8').split('\r\n');
      expect(csv[0]).toBe('domain,verdict,grade,dane,mta_sts,mx,reasons,error');
      expect(csv[1]).toMatch(/^dane\.mail\.test,direct,sufficient,yes,/);
      expect(csv[2]).toMatch(/^legacy\.mail\.test,pickup,insufficient,no,.*TLS_VERSION_TOO_LOW/);
      const html = readFileSync(join(out, 'smarttls-scan.html'), 'utf8');
      expect(html).toContain('Zet TLS 1.2 en TLS 1.3 aan; zet SSL 3, TLS 1.0 en TLS 1.1 uit.');
      expect(html).toContain('Enable STARTTLS with a certificate on every mail server.');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('zegel smarttls self (built command)', () => {
  it('checks an SMTP endpoint as a sender would and prints the TLSA records to publish', async () => {
    const next = join(lab.dir, 'next.pem');
    writeFileSync(next, lab.certificates.tls13.cert);
    const { code, stdout } = await zegel([
      'smarttls',
      'self',
      '--json',
      '--host',
      'good.mx.test',
      '--address',
      '127.0.0.2',
      '--port',
      String(lab.port),
      '--resolver',
      lab.dns.address,
      '--ca',
      lab.ca.rootFile,
      '--next-key',
      next,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      host: 'good.mx.test',
      starttls: 'offered',
      passes: true,
      tlsa: { dnssec: 'secure', matched: true, rollover: 'none' },
    });
    const spki = (pem: string) =>
      createHash('sha256')
        .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex');
    expect(report.publish).toEqual({
      current: `_${lab.port}._tcp.good.mx.test. IN TLSA 3 1 1 ${spki(lab.certificates.good.cert)}`,
      next: `_${lab.port}._tcp.good.mx.test. IN TLSA 3 1 1 ${spki(lab.certificates.tls13.cert)}`,
    });
    expect(report.notes).toEqual([expect.stringContaining('publish the next key too')]);
  });
});
