import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { RelayTransport } from '../../server/src/delivery/relay-transport.adapter';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

jest.setTimeout(30_000);

const mail = (n: number) => ({
  from: 'zegel@zorg.example',
  to: 'patient@example.nl',
  subject: `Bericht ${n}`,
  text: 'U heeft een beveiligd bericht ontvangen.',
});

/** The smart host path (ZEGEL_OUTBOUND_MODE=relay) against a real SMTP server with STARTTLS. */
describe('relay transport connection pool', () => {
  let sink: SmtpSink | undefined;
  let transport: RelayTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    await sink?.close();
    transport = sink = undefined;
  });

  const relayTo = (s: SmtpSink) =>
    new RelayTransport(`smtp://localhost:${s.port}`, true, [readFileSync(s.caFile, 'utf8')]);

  it('sends mail after mail over one connection, each over TLS', async () => {
    sink = await startSmtpSink();
    transport = relayTo(sink);
    for (let n = 0; n < 6; n++) await transport.send(mail(n));
    expect(sink.mails.map((m) => m.parsed.subject)).toEqual(
      [0, 1, 2, 3, 4, 5].map((n) => `Bericht ${n}`),
    );
    expect(sink.mails.every((m) => m.secure)).toBe(true);
    expect(sink.connections).toBe(1);
  });

  it('opens at most five connections for mail sent at once', async () => {
    sink = await startSmtpSink();
    transport = relayTo(sink);
    await Promise.all(Array.from({ length: 20 }, (_, n) => transport!.send(mail(n))));
    expect(sink.mails).toHaveLength(20);
    expect(sink.connections).toBeLessThanOrEqual(5);
  });

  it('replaces a connection the relay closed while it was idle', async () => {
    sink = await startSmtpSink({ idleTimeoutMs: 300 });
    transport = relayTo(sink);
    await transport.send(mail(1));
    await new Promise((r) => setTimeout(r, 900));
    await transport.send(mail(2));
    expect(sink.mails.map((m) => m.parsed.subject)).toEqual(['Bericht 1', 'Bericht 2']);
    expect(sink.connections).toBe(2);
  });

  it('still refuses a relay that offers no STARTTLS, on every pooled connection', async () => {
    let received = 0;
    const plain = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1_000,
      onData(stream, _session, callback) {
        received++;
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.server.address() as AddressInfo).port;
    const unsafe = new RelayTransport(`smtp://localhost:${port}`, true);
    try {
      await expect(unsafe.send(mail(1))).rejects.toThrow(/STARTTLS|TLS/i);
      await expect(unsafe.send(mail(2))).rejects.toThrow(/STARTTLS|TLS/i);
      expect(received).toBe(0);
    } finally {
      await unsafe.close();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});
