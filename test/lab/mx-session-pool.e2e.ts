import { loadConfig } from '../../server/src/config/config';
import { DirectMxTransport } from '../../server/src/delivery/direct-mx-transport.adapter';
import type { SessionPoolLimits } from '../../server/src/delivery/mx-session-pool';
import {
  outboundSettings,
  type OutboundSettings,
} from '../../server/src/delivery/outbound-settings';
import { SmartTlsService } from '../../server/src/smarttls/smarttls.service';
import { DOMAINS, startDeliveryLab, waitFor, type DeliveryLab } from '../support/delivery-lab';

jest.setTimeout(60_000);

/**
 * Zegel's own mails in direct mode go over sessions kept open for the next mail to the same MX
 * host, each checked (DANE here) when it opened, against real STARTTLS hosts in the DNSSEC lab.
 */
describe('direct mode keeps sessions with MX hosts for the next mail', () => {
  let lab: DeliveryLab;
  let smartTls: SmartTlsService;
  let settings: OutboundSettings;
  const transports: DirectMxTransport[] = [];

  beforeAll(async () => {
    lab = await startDeliveryLab();
    const env = lab.env();
    const config = loadConfig({
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_DNS_RESOLVER: env.ZEGEL_DNS_RESOLVER,
      ZEGEL_CA_FILE: env.ZEGEL_CA_FILE,
      ZEGEL_MAIL_FROM: env.ZEGEL_MAIL_FROM,
      ZEGEL_PRIVATE_TARGETS_ALLOWED: env.ZEGEL_PRIVATE_TARGETS_ALLOWED,
    });
    Object.assign(config.smarttls, { smtpPort: lab.port, mtaStsPort: lab.port });
    smartTls = new SmartTlsService(config);
    settings = outboundSettings(config);
    // The SmartTLS check probes the host with sessions of its own; its verdict is kept, so the
    // counts below are the mails' sessions alone.
    expect((await smartTls.check(DOMAINS.pass)).verdict).toBe('direct');
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    lab.mx.good.behaviour.noStarttls = false;
    await waitFor('the lab MX sees no open sessions', () => lab.mx.good.open === 0);
  });
  afterAll(async () => {
    await lab?.close();
  });

  function transport(limits?: Partial<SessionPoolLimits>): DirectMxTransport {
    const made = new DirectMxTransport(smartTls, settings, undefined, {
      maxMessages: 100,
      idleMs: 10_000,
      maxAgeMs: 60_000,
      maxIdlePerHost: 5,
      ...limits,
    });
    transports.push(made);
    return made;
  }

  let n = 0;
  const mail = () => ({
    from: 'Zegel <zegel@zegel.test>',
    to: `patient${++n}@${DOMAINS.pass}`,
    subject: `Notification ${n}`,
    text: 'Er staat een bericht voor u klaar.',
  });
  const good = () => lab.mx.good;

  it('sends mails in turn to one host over one session, each over TLS', async () => {
    const direct = transport();
    const [received, connections] = [good().received.length, good().connections];
    for (let i = 0; i < 5; i++) await direct.send(mail());
    const mails = good().received.slice(received);
    expect(mails).toHaveLength(5);
    expect(mails.every((m) => m.tls?.protocol?.startsWith('TLSv1.'))).toBe(true);
    expect(good().connections - connections).toBe(1);
  });

  it('opens a session per mail in flight, and keeps at most maxIdlePerHost of them', async () => {
    const direct = transport({ maxIdlePerHost: 2 });
    const received = good().received.length;
    await Promise.all(Array.from({ length: 6 }, () => direct.send(mail())));
    expect(good().received.length - received).toBe(6);
    await waitFor('the extra sessions end', () => good().open === 2);
    const connections = good().connections;
    await direct.send(mail());
    expect(good().connections).toBe(connections);
  });

  it('replaces a session the host closed while it waited, and the mail still goes out', async () => {
    const direct = transport();
    await direct.send(mail());
    const [received, connections] = [good().received.length, good().connections];
    good().dropConnections();
    await direct.send(mail());
    expect(good().received.length - received).toBe(1);
    expect(good().connections - connections).toBe(1);
  });

  it('ends a session unused for idleMs, and after maxMessages mails', async () => {
    const idle = transport({ idleMs: 200 });
    await idle.send(mail());
    await waitFor('the unused session ends', () => good().open === 0);
    const limited = transport({ maxMessages: 2 });
    const connections = good().connections;
    for (let i = 0; i < 4; i++) await limited.send(mail());
    expect(good().connections - connections).toBe(2);
  });

  it('checks every new session: a host that stops offering STARTTLS gets nothing', async () => {
    const direct = transport();
    const received = good().received.length;
    good().behaviour.noStarttls = true;
    await expect(direct.send(mail())).rejects.toThrow();
    expect(good().received.length).toBe(received);
  });

  it('ends its unused sessions when closed', async () => {
    const direct = transport();
    await direct.send(mail());
    // Still open a while later (kept for the next mail), until the transport closes.
    await new Promise((r) => setTimeout(r, 300));
    expect(good().open).toBe(1);
    await direct.close();
    await waitFor('the session ends', () => good().open === 0);
  });
});
