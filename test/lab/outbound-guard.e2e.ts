import { Readable } from 'node:stream';
import { OutboundGuard } from '../../server/src/common/net/outbound-guard';
import { loadConfig } from '../../server/src/config/config';
import { deliverToHost } from '../../server/src/delivery/mx-session.adapter';
import { SmartTlsEngine } from '../../server/src/smarttls/smarttls.engine';
import { SmartTlsService } from '../../server/src/smarttls/smarttls.service';
import { LAB_HOSTS, startSmartTlsLab, type SmartTlsLab } from '../support/lab-smarttls';

jest.setTimeout(60_000);

// Zegel must not connect into loopback or private networks because a recipient domain's DNS says
// so (server-side request forgery), unless ZEGEL_PRIVATE_TARGETS_ALLOWED lets it.
let lab: SmartTlsLab;
beforeAll(async () => {
  lab = await startSmartTlsLab();
});
afterAll(async () => {
  await lab?.close();
});

const engine = (guard?: OutboundGuard) =>
  new SmartTlsEngine({
    resolver: lab.dns,
    caFile: lab.ca.rootFile,
    smtpPort: lab.port,
    mtaStsPort: lab.port,
    ehloName: 'probe.zegel.test',
    timeouts: { connectMs: 2000, greetingMs: 3000, commandMs: 3000, handshakeMs: 3000 },
    guard,
  });

describe('the outbound guard', () => {
  it('refuses a SmartTLS check of a domain whose MX resolves to loopback', async () => {
    const report = await engine().check('dane.mail.test', 'dane-or-mta-sts');
    expect(report.verdict).toBe('pickup');
    expect(report.reasons).toEqual([
      expect.objectContaining({
        code: 'TARGET_REFUSED',
        message: expect.stringContaining('ZEGEL_PRIVATE_TARGETS_ALLOWED'),
      }),
    ]);
    expect(report.mx[0]).toMatchObject({ address: '127.0.0.2', versions: [], certificate: null });
  });

  it('refuses an MTA-STS fetch from a policy host on loopback, though the MX is allowed', async () => {
    const hits = lab.https.hits.get('mta-sts.sts.plain.test') ?? 0;
    const report = await engine(OutboundGuard.fromList([`${LAB_HOSTS.good}/32`])).check(
      'sts.plain.test',
      'dane-or-mta-sts',
    );
    expect(report.mtaSts).toMatchObject({
      state: 'failed',
      problem: expect.stringContaining('ZEGEL_PRIVATE_TARGETS_ALLOWED'),
    });
    expect(report.mx[0].starttls).toBe('offered');
    expect(lab.https.hits.get('mta-sts.sts.plain.test') ?? 0).toBe(hits);
  });

  it('refuses direct delivery to an MX on loopback and sends nothing', async () => {
    const before = lab.servers.good.messages.length;
    const outcome = await deliverToHost(
      { host: 'good.mx.test', address: LAB_HOSTS.good, port: lab.port },
      { from: 'zegel@zegel.test', to: 'someone@unsigned.plain.test' },
      () => Readable.from([Buffer.from('Subject: x\r\n\r\nx\r\n')]),
      { ehloName: 'zegel.test' },
    );
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'permanent',
      problem: expect.stringContaining('loopback'),
    });
    expect(lab.servers.good.messages.length).toBe(before);
  });

  it('allows what ZEGEL_PRIVATE_TARGETS_ALLOWED lists, and only that', async () => {
    const settings = (allowed: string) => {
      const config = loadConfig({
        ZEGEL_AUTH_MODE: 'dev',
        ZEGEL_DNS_RESOLVER: lab.dns.address,
        ZEGEL_CA_FILE: lab.ca.rootFile,
        ZEGEL_PRIVATE_TARGETS_ALLOWED: allowed,
      });
      Object.assign(config.smarttls, { smtpPort: lab.port, mtaStsPort: lab.port });
      return new SmartTlsService(config);
    };
    const refused = await settings('').check('unsigned.plain.test', { policy: 'pkix' });
    expect(refused.reasons.map((r) => r.code)).toEqual(['TARGET_REFUSED']);
    const other = await settings('10.0.0.0/8').check('unsigned.plain.test', { policy: 'pkix' });
    expect(other.reasons.map((r) => r.code)).toEqual(['TARGET_REFUSED']);
    const allowed = await settings('127.0.0.0/8').check('unsigned.plain.test', { policy: 'pkix' });
    expect(allowed.verdict).toBe('direct');
  });
});
