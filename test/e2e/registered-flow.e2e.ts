import { MetricsEndpoint } from '../../server/src/health/metrics-endpoint.service';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type {
  EvidenceEventView,
  MessageStatusResponse,
  PickupMessageView,
  SubmitMessageResponse,
} from '@zegel/shared';
import { verifyChain } from '../../server/src/evidence/evidence-chain';
import { RetentionService } from '../../server/src/messages/retention.service';
import { JobQueue } from '../../server/src/queue/job-queue';
import { cookieFrom, http, jsonRequest, multipart } from '../support/http';
import { filesContaining, listFiles } from '../support/scan';
import { startZegel, type RunningZegel } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const pickupToken = (text: string) => /\/p\/([A-Za-z0-9_-]{22})/.exec(text)?.[1];

/**
 * The whole registered flow over HTTP against the started server, with outbound mail relayed over
 * STARTTLS to a real SMTP server on loopback: submit → notification → CE-ID → unlock → read and
 * download → accept/decline → receipts → content deleted → evidence intact, and no plaintext on disk.
 */
describe('registered mail end to end', () => {
  const canary = `CANARY-${randomUUID()}`;
  const attachmentA = Buffer.concat([Buffer.from(`%PDF-1.7 ${canary}\n`), randomBytes(300_000)]);
  const attachmentB = Buffer.from(`name;result\npatient;${canary}\n`);
  let sink: SmtpSink;
  let zegel: RunningZegel;
  let submitted: SubmitMessageResponse;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    sink = await startSmtpSink();
    zegel = await startZegel({
      env: {
        ZEGEL_OUTBOUND_MODE: 'relay',
        ZEGEL_RELAY_URL: `smtp://localhost:${sink.port}`,
        ZEGEL_CA_FILE: sink.caFile,
        ZEGEL_MAIL_FROM: 'Zegel <zegel@zorg.example>',
        ZEGEL_RETRIEVAL_GRACE_HOURS: '0',
      },
    });
  });

  afterAll(async () => {
    await zegel?.close();
    await sink?.close();
  });

  it('accepts a registered message with attachments, streamed and encrypted', async () => {
    const form = new FormData();
    form.append(
      'message',
      JSON.stringify({
        classification: 'registered',
        subject: `Uitslag onderzoek ${canary}`,
        recipients: [
          { address: 'Patient@Example.nl', phone: '+31612345678' },
          { address: 'huisarts@example.org' },
        ],
        html: `<p>Beste patiënt,</p><p>${canary}</p><script>document.title='owned'</script><img src="https://tracker.example/p.gif">`,
        text: `Beste patiënt, ${canary}`,
      }),
    );
    form.append('attachments', new Blob([attachmentA], { type: 'application/pdf' }), 'uitslag.pdf');
    form.append(
      'attachments',
      new Blob([attachmentB], { type: 'text/csv' }),
      '../../etc/waarden.csv',
    );
    const { headers, body } = await multipart(form);
    const res = await http(`${zegel.url}/api/v1/messages`, { method: 'POST', headers, body });
    expect(res.status).toBe(201);
    submitted = res.json<SubmitMessageResponse>();
    expect(submitted.attachments).toEqual([
      {
        index: 0,
        name: 'uitslag.pdf',
        size: attachmentA.length,
        contentType: 'application/pdf',
        sha256: sha256(attachmentA),
      },
      {
        index: 1,
        name: 'waarden.csv',
        size: attachmentB.length,
        contentType: 'text/csv',
        sha256: sha256(attachmentB),
      },
    ]);
    expect(submitted.body.text).toBe(sha256(`Beste patiënt, ${canary}`));
    const [patient, doctor] = submitted.recipients;
    expect(patient).toMatchObject({
      address: 'patient@example.nl',
      ceIdChannel: 'sms',
      state: 'pending',
    });
    expect(patient.ceId).toBeUndefined();
    expect(doctor).toMatchObject({ address: 'huisarts@example.org', ceIdChannel: 'sender' });
    expect(doctor.ceId).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
  });

  it('notifies each recipient over TLS with a link and without content or code', async () => {
    for (const address of ['patient@example.nl', 'huisarts@example.org']) {
      const mail = await sink.waitFor((m) => m.envelopeTo.includes(address));
      expect(mail.secure).toBe(true);
      expect(mail.envelopeFrom).toBe('zegel@zorg.example');
      const raw = mail.raw.toString('utf8');
      expect(raw).not.toContain(canary);
      expect(raw).not.toContain('Uitslag');
      expect(mail.parsed.headers.get('x-zegel-processed')).toBe('notification');
      const token = pickupToken(mail.parsed.text ?? '');
      expect(token).toBeDefined();
      tokens.set(address, token!);
      expect(raw).not.toContain(submitted.recipients[1].ceId!);
    }
  });

  it('sends the CE-ID by SMS, never in the mail', async () => {
    await zegel.app.get(JobQueue).drain();
    const sms = await http(`${zegel.url}/api/v1/admin/sms-outbox`);
    const texts = sms.json<{ to: string; text: string }[]>();
    expect(texts).toHaveLength(1);
    expect(texts[0].to).toBe('+31612345678');
    expect(texts[0].text).toMatch(/[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}/);
    expect(texts[0].text).not.toContain('/p/');
  });

  it('answers unknown links, wrong codes and malformed codes alike, then blocks the address', async () => {
    const token = tokens.get('patient@example.nl')!;
    const from = { localAddress: '127.0.0.3' };
    const unknown = await http(
      `${zegel.url}/api/v1/pickup/${'A'.repeat(22)}/unlock`,
      jsonRequest({ ceId: 'ABC-DEF-GHJ' }, from),
    );
    const wrong = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: 'ABC-DEF-GHJ' }, from),
    );
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json<{ error: { code: string; message: string } }>().error.message).toBe(
      wrong.json<{ error: { code: string; message: string } }>().error.message,
    );
    const third = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: 'not a code' }, from),
    );
    expect(third.json<{ error: { code: string } }>().error.code).toBe('PICKUP_DENIED');
    const smsCode = (await http(`${zegel.url}/api/v1/admin/sms-outbox`))
      .json<{ text: string }[]>()[0]
      .text.match(/[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}/)![0];
    const blocked = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: smsCode }, from),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('PICKUP_BLOCKED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  let cookie: string;
  let view: PickupMessageView;

  it('unlocks with the right code from another address and shows sanitised content', async () => {
    const token = tokens.get('patient@example.nl')!;
    const smsCode = (await http(`${zegel.url}/api/v1/admin/sms-outbox`))
      .json<{ text: string }[]>()[0]
      .text.match(/[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}/)![0];
    const res = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest(
        { ceId: smsCode.toLowerCase().replace(/-/g, ' ') },
        { localAddress: '127.0.0.4' },
      ),
    );
    expect(res.status).toBe(200);
    cookie = cookieFrom(res);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    view = res.json<PickupMessageView>();
    expect(view.subject).toBe(`Uitslag onderzoek ${canary}`);
    expect(view.html).toContain(canary);
    expect(view.html).not.toContain('<script');
    // The remote image is counted and kept aside for the reader to load on request; nothing loads it.
    expect(view.html).not.toMatch(/src="[^"]*tracker\.example/);
    expect(view.html).toContain('data-zegel-remote="https://tracker.example/p.gif"');
    expect(view.remoteImages).toBe(1);
    expect(view.attachments.map((a) => [a.name, a.sha256])).toEqual([
      ['uitslag.pdf', sha256(attachmentA)],
      ['waarden.csv', sha256(attachmentB)],
    ]);
    expect(view.canRespond).toBe(true);
    const again = await http(`${zegel.url}/api/v1/pickup/${token}/message`, {
      headers: { cookie },
    });
    expect(again.status).toBe(200);
    const noCookie = await http(`${zegel.url}/api/v1/pickup/${token}/message`);
    expect(noCookie.json<{ error: { code: string } }>().error.code).toBe('PICKUP_SESSION_REQUIRED');
  });

  it('streams each attachment byte for byte, and the whole message as .eml', async () => {
    const token = tokens.get('patient@example.nl')!;
    for (const [index, expected] of [attachmentA, attachmentB].entries()) {
      const res = await http(`${zegel.url}/api/v1/pickup/${token}/attachments/${index}`, {
        headers: { cookie },
      });
      expect(res.status).toBe(200);
      expect(res.body.equals(expected)).toBe(true);
      expect(sha256(res.body)).toBe(view.attachments[index].sha256);
      expect(res.headers['content-disposition']).toContain('attachment;');
    }
    const eml = await http(`${zegel.url}/api/v1/pickup/${token}/message.eml`, {
      headers: { cookie },
    });
    expect(eml.status).toBe(200);
    const parsed = await simpleParser(eml.body);
    expect(parsed.subject).toBe(`Uitslag onderzoek ${canary}`);
    expect(parsed.attachments.map((a) => sha256(a.content))).toEqual([
      sha256(attachmentA),
      sha256(attachmentB),
    ]);
    const other = await http(
      `${zegel.url}/api/v1/pickup/${tokens.get('huisarts@example.org')}/attachments/0`,
      {
        headers: { cookie },
      },
    );
    expect(other.status).toBe(401);
  });

  it('accepts, and the sender gets a receipt listing the digests', async () => {
    const token = tokens.get('patient@example.nl')!;
    const res = await http(`${zegel.url}/api/v1/pickup/${token}/accept`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ state: 'accepted' });
    const twice = await http(`${zegel.url}/api/v1/pickup/${token}/accept`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(twice.status).toBeGreaterThanOrEqual(400);
    const receipt = await sink.waitFor(
      (m) =>
        m.envelopeTo.includes('developer@zegel.test') &&
        m.parsed.headers.get('x-zegel-evidence') === 'ConsignmentAcceptance',
    );
    expect(receipt.parsed.text).toContain(sha256(attachmentA));
    expect(receipt.parsed.text).toContain('patient@example.nl accepted the message');
    expect(receipt.raw.toString()).not.toContain(canary);
    await sink.waitFor(
      (m) =>
        m.envelopeTo.includes('developer@zegel.test') &&
        m.parsed.headers.get('x-zegel-evidence') === 'ContentHandover',
    );
  });

  it('declines the other copy, deletes the content and keeps the evidence', async () => {
    const token = tokens.get('huisarts@example.org')!;
    const unlock = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: submitted.recipients[1].ceId }),
    );
    expect(unlock.status).toBe(200);
    const doctorCookie = cookieFrom(unlock);
    const decline = await http(`${zegel.url}/api/v1/pickup/${token}/decline`, {
      method: 'POST',
      headers: { cookie: doctorCookie },
    });
    expect(decline.json()).toEqual({ state: 'declined' });
    await sink.waitFor((m) => m.parsed.headers.get('x-zegel-evidence') === 'ConsignmentRejection');
    const status = (
      await http(`${zegel.url}/api/v1/messages/${submitted.id}`)
    ).json<MessageStatusResponse>();
    expect(status.content).toBe('deleted');
    expect(status.recipients.map((r) => [r.address, r.state])).toEqual([
      ['huisarts@example.org', 'declined'],
      ['patient@example.nl', 'accepted'],
    ]);
    const gone = await http(
      `${zegel.url}/api/v1/pickup/${tokens.get('patient@example.nl')}/attachments/0`,
      { headers: { cookie } },
    );
    expect(gone.status).toBe(410);
    const types = status.events.map((e) => e.type);
    for (const type of [
      'SubmissionAcceptance',
      'ConsignmentNotification',
      'ContentHandover',
      'ConsignmentAcceptance',
      'ConsignmentRejection',
      'ContentDeletion',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('serves an intact, signed evidence chain to the SOC', async () => {
    const page = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<{
      events: EvidenceEventView[];
      next: string;
    }>();
    expect(page.events.length).toBeGreaterThan(8);
    const jwk = (await http(`${zegel.url}/api/v1/evidence/public-key`)).json<
      Record<string, string>
    >();
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verifyChain(page.events, key)).toBeNull();
    const tampered = page.events.map((e) => ({ ...e }));
    tampered[1].digests = { forged: 'x' };
    expect(verifyChain(tampered, key)).toEqual({ seq: tampered[1].seq, problem: 'hash' });
    const rest = (await http(`${zegel.url}/api/v1/events?after=${page.next}`)).json<{
      events: unknown[];
    }>();
    expect(rest.events).toEqual([]);
  });

  it('left no plaintext content anywhere on disk', async () => {
    await zegel.app.get(JobQueue).drain();
    await zegel.app.get(RetentionService).sweep();
    const files = listFiles([zegel.root]);
    expect(files.some((f) => f.endsWith('.sqlite') || f.endsWith('-wal'))).toBe(
      zegel.config.database.type === 'sqlite',
    );
    expect(filesContaining([zegel.root], canary)).toEqual([]);
  });
});

describe('operations endpoints', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel();
  });
  afterAll(() => zegel?.close());

  it('reports health, Prometheus metrics by route pattern, and the OpenAPI document', async () => {
    expect((await http(`${zegel.url}/health`)).json()).toEqual({ status: 'ok' });
    await http(`${zegel.url}/api/v1/pickup/${'C'.repeat(22)}/message`);
    // Metrics live on their own loopback listener, never on the public port.
    expect((await http(`${zegel.url}/metrics`)).status).toBe(404);
    const metricsPort = zegel.app.get(MetricsEndpoint).port;
    const metrics = (await http(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain(
      'zegel_http_request_duration_seconds_count{method="GET",route="/api/v1/pickup/:token/message",status="401"} 1',
    );
    expect(metrics).not.toContain('C'.repeat(22));
    expect(metrics).toContain('zegel_process_resident_memory_bytes');
    const openapi = (await http(`${zegel.url}/api/docs/openapi.json`)).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/messages', '/api/v1/messages/{id}', '/api/v1/events']),
    );
    expect((await http(`${zegel.url}/api/docs`)).status).toBe(200);
  });

  it('answers unknown routes with a stable error body and the correlation id', async () => {
    const res = await http(`${zegel.url}/api/v1/nope`, {
      headers: { 'x-correlation-id': 'test-correlation-1' },
    });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: 'No such resource.',
        correlationId: 'test-correlation-1',
      },
    });
    expect(res.headers['x-correlation-id']).toBe('test-correlation-1');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('classifications', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel();
  });
  afterAll(() => zegel?.close());

  it('lists the labels for the task pane, marking the ones Zegel handles', async () => {
    const labels = (await http(`${zegel.url}/api/v1/classifications`)).json<
      { id: string; protected: boolean }[]
    >();
    expect(labels.map((l) => [l.id, l.protected])).toEqual([
      ['public', false],
      ['internal', false],
      ['confidential', true],
      ['registered', true],
    ]);
  });
});
