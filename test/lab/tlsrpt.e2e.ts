import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { gunzipSync } from 'node:zlib';
import { simpleParser } from 'mailparser';
import type { SubmitMessageResponse } from '@zegel/shared';
import { TlsRptService } from '../../server/src/tlsrpt/tlsrpt.service';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import {
  DOMAINS,
  TLSRPT_RECEIVER_ADDRESS,
  startDeliveryLab,
  waitFor,
  type DeliveryLab,
} from '../support/delivery-lab';
import { TLSRPT_REPORT_SCHEMA } from '../support/tlsrpt-schema';

jest.setTimeout(120_000);

interface Posted {
  contentType?: string;
  body: Buffer;
}

/**
 * TLS reporting (RFC 8460) in the delivery lab: pass.dlv.test publishes _smtp._tls with a mailto:
 * and an https: rua. After a direct delivery, the day's report reaches both, and each receiver
 * checks it against the RFC's schema.
 */
describe('TLS reporting', () => {
  let lab: DeliveryLab;
  let zegel: RunningZegel;
  let receiver: Server;
  const posted: Posted[] = [];

  beforeAll(async () => {
    lab = await startDeliveryLab();
    const cert = lab.ca.issue('reports', { names: ['reports.dlv.test'] });
    receiver = createServer({ key: cert.key, cert: cert.chain }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posted.push({ contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(lab.port, TLSRPT_RECEIVER_ADDRESS, r));
    zegel = await startZegel({ env: lab.env() });
  });

  afterAll(async () => {
    await zegel?.close();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    await lab?.close();
  });

  it('counts a direct delivery and sends the day report by mail and by https, once', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'confidential',
        subject: 'Uitslag',
        recipients: [{ address: `anna@${DOMAINS.pass}` }],
        text: canary,
      }),
    );
    expect(res.status).toBe(201);
    expect(res.json<SubmitMessageResponse>().recipients[0].route).toBe('direct');
    await waitFor('the mail at the MX', () =>
      lab.mx.good.received.some((m) => m.data.includes(canary)),
    );

    const tlsRpt = zegel.app.get(TlsRptService);
    const day = new Date().toISOString().slice(0, 10);
    expect(await tlsRpt.send(day, DOMAINS.pass)).toBe(true);

    // https: application/tlsrpt+gzip, a valid report.
    await waitFor('the https report', () => posted.length > 0);
    expect(posted[0].contentType).toBe('application/tlsrpt+gzip');
    const overHttps = TLSRPT_REPORT_SCHEMA.parse(JSON.parse(gunzipSync(posted[0].body).toString()));
    expect(overHttps.policies).toEqual([
      {
        policy: expect.objectContaining({ 'policy-type': 'tlsa', 'policy-domain': DOMAINS.pass }),
        summary: { 'total-successful-session-count': 1, 'total-failure-session-count': 0 },
      },
    ]);
    expect(overHttps.policies[0].policy['policy-string']![0]).toMatch(/^3 1 1 [0-9a-f]{64}$/);
    expect(overHttps['date-range']['start-datetime']).toBe(`${day}T00:00:00Z`);
    expect(overHttps['contact-info']).toBe('zegel@zegel.test');

    // mailto: multipart/report with the gzip JSON attached, to the rua mailbox's own MX.
    const mx = lab.mx.org;
    await waitFor('the report mail', () =>
      mx.received.some((m) => m.to.includes('tlsrpt@zegel.test')),
    );
    const mail = await simpleParser(
      mx.received.find((m) => m.to.includes('tlsrpt@zegel.test'))!.data,
    );
    expect(mail.headers.get('tls-report-domain')).toBe(DOMAINS.pass);
    expect(mail.headers.get('tls-report-submitter')).toBe('zegel.test');
    expect(String((mail.headers.get('content-type') as { value: string }).value)).toBe(
      'multipart/report',
    );
    const attachment = mail.attachments.find((a) => a.contentType === 'application/tlsrpt+gzip');
    expect(attachment?.filename).toMatch(/^zegel\.test!pass\.dlv\.test!\d+!\d+!.+\.json\.gz$/);
    const byMail = TLSRPT_REPORT_SCHEMA.parse(
      JSON.parse(gunzipSync(attachment!.content).toString()),
    );
    expect(byMail).toEqual(overHttps);

    // A second run (or another server process) does not send it again.
    expect(await tlsRpt.send(day, DOMAINS.pass)).toBe(false);
    expect(posted).toHaveLength(1);
  });

  it('refuses a report that does not follow the schema', () => {
    expect(() =>
      TLSRPT_REPORT_SCHEMA.parse({
        'organization-name': 'x',
        'date-range': { 'start-datetime': 'yesterday', 'end-datetime': 'today' },
        'contact-info': 'x',
        'report-id': 'x',
        policies: [],
      }),
    ).toThrow();
  });
});
