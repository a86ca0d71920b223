import { randomUUID } from 'node:crypto';
import type {
  MessageStatusResponse,
  PreflightResponse,
  SubmitMessageResponse,
} from '@zegel/shared';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { DOMAINS, startDeliveryLab, waitFor, type DeliveryLab } from '../support/delivery-lab';

jest.setTimeout(120_000);

/**
 * Secure delivery end to end in a lab of real STARTTLS MX hosts and DNSSEC-signed zones with TLSA
 * records: a confidential mail goes straight into a DANE-authenticated inbox, or only a
 * notification goes out, retries after 4xx, and a 550 ends in a DSN to the sender.
 */
describe('direct delivery in the lab', () => {
  let lab: DeliveryLab;
  let zegel: RunningZegel;

  beforeAll(async () => {
    lab = await startDeliveryLab();
    // A lifetime of about 8 seconds: long enough for two quick retries, short enough to run out.
    zegel = await startZegel({
      env: lab.env({ ZEGEL_DIRECT_FALLBACK_MINUTES: '0', ZEGEL_DELIVERY_LIFETIME_DAYS: '0.0001' }),
    });
  });

  afterAll(async () => {
    await zegel?.close();
    await lab?.close();
  });

  const submit = async (address: string, text: string, classification = 'confidential') => {
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({ classification, subject: 'Uitslag', recipients: [{ address }], text }),
    );
    expect(res.status).toBe(201);
    return res.json<SubmitMessageResponse>();
  };
  const status = async (id: string) =>
    (await http(`${zegel.url}/api/v1/messages/${id}`)).json<MessageStatusResponse>();

  it('answers the preflight per recipient from the SmartTLS verdicts', async () => {
    const res = await http(
      `${zegel.url}/api/v1/policy/preflight`,
      jsonRequest({
        classification: 'confidential',
        recipients: [`a@${DOMAINS.pass}`, `b@${DOMAINS.weak}`],
      }),
    );
    expect(res.status).toBe(200);
    const body = res.json<PreflightResponse>();
    expect(body.pending).toBe(false);
    expect(body.recipients).toEqual([
      expect.objectContaining({ route: 'direct', verdict: 'direct' }),
      expect.objectContaining({ route: 'pickup', verdict: 'pickup' }),
    ]);
    expect(body.recipients[0].reasons[0].code).toBe('SMARTTLS_DIRECT');
    expect(body.recipients[1].reasons[0].code).toBe('SMARTTLS_PICKUP');
  });

  it('delivers a confidential mail straight into a DANE-authenticated inbox, without a pickup notification', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const address = `anna@${DOMAINS.pass}`;
    const submitted = await submit(address, `Uw uitslag: ${canary}`);
    expect(submitted.recipients[0]).toMatchObject({ route: 'direct' });
    expect(submitted.recipients[0].ceId).toBeUndefined();
    const mx = lab.mx.good;
    await waitFor('the mail at the MX', () => mx.received.some((m) => m.data.includes(canary)));
    const mail = mx.received.find((m) => m.data.includes(canary))!;
    expect(mail.to).toEqual([address]);
    expect(mail.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(mail.data).toMatch(/^DKIM-Signature: .*d=zegel\.test;/m);
    expect(mail.data).toMatch(/^X-Zegel-Classification: confidential/m);
    await waitFor(
      'the delivered state',
      async () => (await status(submitted.id)).recipients[0].state === ('delivered' as never),
    );
    const events = (await status(submitted.id)).events;
    const consignment = events.find((e) => e.type === 'ContentConsignment');
    expect(consignment?.reason).toMatch(/authenticated by DANE/);
    expect(consignment?.reason).toMatch(/TLSv1\.[23]/);
    // Nothing else reached the recipient: no notification, no pickup link.
    const toAnna = mx.received.filter((m) => m.to.includes(address));
    expect(toAnna).toHaveLength(1);
    expect(toAnna[0].data).not.toMatch(/X-Zegel-Kind: notification/);
    expect(events.some((e) => e.type === 'ConsignmentNotification')).toBe(false);
  });

  it('sends only the notification to a domain that fails, never the content', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const address = `bob@${DOMAINS.weak}`;
    const submitted = await submit(address, `Uw uitslag: ${canary}`);
    expect(submitted.recipients[0]).toMatchObject({ route: 'pickup' });
    const mx = lab.mx.weak;
    await waitFor('the notification at the MX', () =>
      mx.received.some((m) => m.to.includes(address)),
    );
    await waitFor(
      'the notified state',
      async () => (await status(submitted.id)).recipients[0].state === 'notified',
    );
    const toBob = mx.received.filter((m) => m.to.includes(address));
    expect(toBob).toHaveLength(1);
    expect(toBob[0].data).toMatch(/X-Zegel-Kind: notification/);
    expect(toBob[0].data).not.toContain(canary);
    expect(toBob[0].tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    for (const host of Object.values(lab.mx))
      for (const m of host.received) expect(m.data).not.toContain(canary);
  });

  it('retries after 451 twice and delivers the mail once', async () => {
    const mx = lab.mx.flaky;
    mx.behaviour.dataReplies = [451, 451];
    const canary = `CANARY-${randomUUID()}`;
    const submitted = await submit(`carla@${DOMAINS.flaky}`, canary);
    expect(submitted.recipients[0].route).toBe('direct');
    await waitFor(
      'the delivered state',
      async () => (await status(submitted.id)).recipients[0].state === ('delivered' as never),
    );
    expect(mx.attempts).toBe(3);
    expect(mx.received.filter((m) => m.data.includes(canary))).toHaveLength(1);
  });

  it('ends a 550 in a delivery status notification to the sender', async () => {
    const mx = lab.mx.reject;
    mx.behaviour.rcptReply = 550;
    const canary = `CANARY-${randomUUID()}`;
    const address = `dirk@${DOMAINS.reject}`;
    const submitted = await submit(address, canary);
    expect(submitted.recipients[0].route).toBe('direct');
    const org = lab.mx.org;
    const isDsn = (data: string) => data.includes(submitted.id) && /multipart\/report/.test(data);
    await waitFor('the DSN at the sender', () => org.received.some((m) => isDsn(m.data)));
    const dsn = org.received.find((m) => isDsn(m.data))!;
    expect(dsn.to).toEqual(['developer@zegel.test']);
    expect(dsn.from).toBe('');
    expect(dsn.data).toMatch(/report-type=delivery-status/);
    expect(dsn.data).toContain(`Final-Recipient: rfc822; ${address}`);
    expect(dsn.data).toMatch(/^Action: failed/m);
    expect(dsn.data).toMatch(/^Status: 5\.\d+\.\d+/m);
    expect(dsn.data).toMatch(/^Diagnostic-Code: smtp; 550/m);
    expect(dsn.data).not.toContain(canary);
    expect(mx.received).toHaveLength(0);
    const after = await status(submitted.id);
    expect(after.recipients[0].state).toBe('delivery-failed');
    expect(after.events.some((e) => e.type === 'ContentConsignmentFailure')).toBe(true);
    // One attempt: a permanent refusal is not retried.
    expect(mx.attempts).toBe(0);
  });

  it('holds the session to the verdict: an MX that no longer matches DANE gets no content, and the route falls back to pickup', async () => {
    const mx = lab.mx.swap;
    const address = `eva@${DOMAINS.swap}`;
    const first = await submit(address, `first ${randomUUID()}`);
    expect(first.recipients[0].route).toBe('direct');
    await waitFor(
      'the first delivery',
      async () => (await status(first.id)).recipients[0].state === ('delivered' as never),
    );
    const attemptsBefore = mx.attempts;
    // The verdict (direct, DANE) is cached; the MX now shows a certificate the TLSA record does not pin.
    mx.setCertificate(lab.impostor);
    const canary = `CANARY-${randomUUID()}`;
    const second = await submit(address, canary);
    expect(second.recipients[0].route).toBe('direct');
    await waitFor('the fallback to pickup', async () => {
      const s = await status(second.id);
      return s.recipients[0].route === 'pickup';
    });
    const events = (await status(second.id)).events;
    const failure = events.find((e) => e.type === 'ContentConsignmentFailure');
    expect(failure?.reason).toMatch(/DANE/);
    expect(failure?.reason).toMatch(/pickup route/);
    expect(mx.attempts).toBe(attemptsBefore);
    for (const host of Object.values(lab.mx))
      for (const m of host.received) expect(m.data).not.toContain(canary);
  });

  it('gives up when 4xx replies outlast the delivery lifetime, with a DSN to the sender', async () => {
    const mx = lab.mx.flaky;
    mx.behaviour.dataReplies = Array.from({ length: 1000 }, () => 451);
    const canary = `CANARY-${randomUUID()}`;
    const submitted = await submit(`frank@${DOMAINS.flaky}`, canary);
    try {
      await waitFor(
        'the delivery-failed state',
        async () =>
          (await status(submitted.id)).recipients[0].state === ('delivery-failed' as never),
        40_000,
      );
      const org = lab.mx.org;
      await waitFor('the DSN', () => org.received.some((m) => m.data.includes(submitted.id)));
      const dsn = org.received.find((m) => m.data.includes(submitted.id))!;
      expect(dsn.data).toMatch(/^Status: 5\.\d+\.\d+/m);
      expect(dsn.data).toMatch(/^Diagnostic-Code: smtp; 451/m);
      const failure = (await status(submitted.id)).events.find(
        (e) => e.type === 'ContentConsignmentFailure',
      );
      expect(failure?.reason).toMatch(/delivery lifetime/);
      expect(mx.received.filter((m) => m.data.includes(canary))).toHaveLength(0);
    } finally {
      mx.behaviour.dataReplies = [];
    }
  });

  it('sends nothing in the clear when STARTTLS disappears from a direct route', async () => {
    const mx = lab.mx.good;
    const canary = `CANARY-${randomUUID()}`;
    const attemptsBefore = mx.attempts;
    mx.behaviour.noStarttls = true;
    try {
      const submitted = await submit(`gijs@${DOMAINS.pass}`, canary);
      expect(submitted.recipients[0].route).toBe('direct');
      await waitFor('the fallback to pickup', async () => {
        const s = await status(submitted.id);
        return s.recipients[0].route === 'pickup';
      });
      const failure = (await status(submitted.id)).events.find(
        (e) => e.type === 'ContentConsignmentFailure',
      );
      expect(failure?.reason).toMatch(/TLS requirements/);
      expect(mx.attempts).toBe(attemptsBefore);
      for (const host of Object.values(lab.mx))
        for (const m of host.received) expect(m.data).not.toContain(canary);
    } finally {
      mx.behaviour.noStarttls = false;
    }
  });
});
