import { JobQueue } from '../../server/src/queue/job-queue';
import { makeConnectorCerts, type ConnectorCerts } from '../support/connector-certs';
import { startCmFake, type CmFake } from '../support/cm-sms-fake';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

const STATUS_TOKEN = 'dlr-secret-0123456789abcdefghijklmnop';

/** The CE-ID by SMS through CM.com's HTTPS gateway (a stand-in on loopback), with delivery reports. */
describe('SMS through CM.com', () => {
  let certs: ConnectorCerts;
  let cm: CmFake;
  let zegel: RunningZegel;
  let z: ZegelClient;
  const drain = () => zegel.app.get(JobQueue).drain(20_000);
  /** Retries wait for CM's Retry-After, so the queue is not drained until the text is there. */
  async function textTo(phone: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await drain();
      const texts = cm.texts.filter((t) => t.to === phone);
      if (texts.length || Date.now() > deadline) return texts;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    certs = makeConnectorCerts();
    cm = await startCmFake({ certFile: certs.serverCertFile, keyFile: certs.serverKeyFile });
    zegel = await startZegel({
      env: {
        ZEGEL_SMS_PROVIDER: 'cm',
        ZEGEL_SMS_CM_URL: cm.url,
        ZEGEL_SMS_CM_PRODUCT_TOKEN: cm.productToken,
        ZEGEL_SMS_STATUS_TOKEN: STATUS_TOKEN,
        ZEGEL_SMS_SENDER: 'Ziekenhuis',
        ZEGEL_CA_FILE: certs.caFile,
        ZEGEL_CEID_CHANNEL: 'sms',
      },
    });
    z = new ZegelClient(zegel.url);
  });
  afterAll(async () => {
    await zegel?.close();
    await cm?.close();
    certs?.cleanup();
  });

  it('texts the code once, through retries, and the recipient opens the message with it', async () => {
    cm.failNext(2, 503);
    const sent = await z.submit({
      recipients: [{ address: 'sms@example.nl', phone: '+31612345678' }],
    });
    expect(sent.recipients[0]).toMatchObject({ ceIdChannel: 'sms' });
    const texts = await textTo('+31612345678');
    await new Promise((r) => setTimeout(r, 1500));
    await drain();
    expect(cm.texts.filter((t) => t.to === '+31612345678')).toHaveLength(1);
    expect(texts[0].from).toBe('Ziekenhuis');
    expect(texts[0].content).not.toMatch(/https?:/);
    const code = /([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})/.exec(texts[0].content)![1];
    const status = await z.status(sent.id);
    expect(status.recipients[0].smsStatus).toBe('accepted');
    expect((await z.unlock(await z.pickupToken('sms@example.nl'), code)).status).toBe(200);
  });

  it('records CM’s delivery report once, and answers unknown report URLs with 404', async () => {
    const sent = await z.submit({
      recipients: [{ address: 'dlr@example.nl', phone: '+31687654321' }],
    });
    const [{ reference }] = await textTo('+31687654321');
    await drain();
    const report = {
      messages: {
        msg: {
          received: new Date().toISOString(),
          to: '0031687654321',
          reference,
          status: { code: '2' },
        },
      },
    };
    const url = `${zegel.url}/api/v1/sms/status/${STATUS_TOKEN}`;
    expect((await http(url, jsonRequest(report))).status).toBe(200);
    expect((await http(url, jsonRequest(report))).status).toBe(200);
    expect((await http(`${url.slice(0, -1)}x`, jsonRequest(report))).status).toBe(404);
    const status = await z.status(sent.id);
    expect(status.recipients[0].smsStatus).toBe('delivered');
    expect(status.events.filter((e) => e.type === 'NotificationDelivered')).toHaveLength(1);
    const failed = await http(`${url}?reference=${reference}&statuscode=3`);
    expect(failed.status).toBe(200);
    expect((await z.status(sent.id)).recipients[0].smsStatus).toBe('failed');
  });

  it('marks the notification failed when CM refuses the product token, and says so as evidence', async () => {
    const before = cm.requests;
    cm.failNext(1, 401);
    const sent = await z.submit({
      recipients: [{ address: 'refused@example.nl', phone: '+31611111111' }],
    });
    await drain();
    expect(cm.requests).toBe(before + 1);
    const status = await z.status(sent.id);
    expect(status.recipients[0].state).toBe('notification-failed');
    expect(status.events.map((e) => e.type)).toContain('ConsignmentNotificationFailure');
  });
});
