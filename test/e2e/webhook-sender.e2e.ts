import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { OutboundGuard } from '../../server/src/common/net/outbound-guard';
import { sendWebhook, type WebhookSendSettings } from '../../server/src/webhooks/webhook-sender';
import { createLabCa, type LabCa } from '../support/lab-ca';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** The webhook sender against a real HTTPS receiver on loopback, trusted through a test CA only. */
describe('webhook sender: signature, pinning, refusals', () => {
  let dir: string;
  let ca: LabCa;
  let receiver: WebhookReceiver;
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const message = (url: string) => ({ url, id: 'msg_1', body: '{"type":"X"}', secrets: [secret] });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-webhook-sender-'));
    ca = createLabCa(dir);
    const cert = ca.issue('hook', { names: ['hook.example.test', '127.0.0.1'] });
    receiver = await startWebhookReceiver({
      address: '127.0.0.1',
      host: 'hook.example.test',
      key: cert.key,
      cert: cert.chain,
    });
  });

  afterAll(async () => {
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (over: Partial<WebhookSendSettings> = {}): WebhookSendSettings => ({
    guard: OutboundGuard.fromList(['127.0.0.1/32']),
    resolve: () => Promise.resolve(['127.0.0.1']),
    ca: [ca.rootPem],
    timeoutMs: 2_000,
    allowHttp: false,
    ...over,
  });

  it('resolves once, connects to the checked address, and names the host in SNI and Host', async () => {
    const resolve = jest.fn(() => Promise.resolve(['127.0.0.1']));
    const before = receiver.received.length;
    const outcome = await sendWebhook(message(receiver.url), settings({ resolve }));
    expect(outcome).toEqual({ ok: true, status: 204, address: '127.0.0.1' });
    expect(resolve).toHaveBeenCalledTimes(1);
    const got = receiver.received[before];
    expect(got.servername).toBe('hook.example.test');
    expect(got.headers.host).toBe(`hook.example.test:${receiver.port}`);
    // The receiver checks the Standard Webhooks signature with the shared secret.
    expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toEqual({
      type: 'X',
    });
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 8).toString('base64')}`).verify(
        got.body,
        got.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('refuses a name that resolves to a refused address, without connecting', async () => {
    const before = receiver.received.length;
    const outcome = await sendWebhook(
      message(receiver.url),
      settings({ guard: new OutboundGuard(), resolve: () => Promise.resolve(['127.0.0.1']) }),
    );
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(!outcome.ok && outcome.error).toMatch(/loopback, private/);
    expect(receiver.received.length).toBe(before);
  });

  it('uses the first allowed answer and never a refused one', async () => {
    const outcome = await sendWebhook(
      message(receiver.url),
      settings({ resolve: () => Promise.resolve(['10.1.2.3', '127.0.0.1']) }),
    );
    expect(outcome).toMatchObject({ ok: true, address: '127.0.0.1' });
  });

  it('refuses plain http outside development, and a certificate the CA did not sign', async () => {
    const http = await sendWebhook(message(`http://127.0.0.1:${receiver.port}/`), settings());
    expect(http).toMatchObject({ ok: false, permanent: true });
    const untrusted = await sendWebhook(message(receiver.url), settings({ ca: undefined }));
    expect(untrusted).toMatchObject({ ok: false, status: null });
    expect(!untrusted.ok && untrusted.error).toMatch(/certificate/i);
  });

  it('checks the certificate against the name, not the pinned address', async () => {
    const outcome = await sendWebhook(
      message(`https://other.example.test:${receiver.port}/hook`),
      settings(),
    );
    expect(outcome).toMatchObject({ ok: false });
    expect(!outcome.ok && outcome.error).toMatch(/altnames|Hostname/i);
  });
});
