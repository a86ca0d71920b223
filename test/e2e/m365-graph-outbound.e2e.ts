import type { SubmitMessageResponse } from '@zegel/shared';
import { simpleParser, type ParsedMail } from 'mailparser';
import { cookieFrom, http, jsonRequest } from '../support/http';
import { bufferContent, type SentMail } from '../support/m365-graph';
import { startM365Lab, type M365Lab } from '../support/m365-lab';
import { startZegel, type RunningZegel } from '../support/server';

// Outbound mode `graph` through the whole registered flow, with no SMTP anywhere: the draft comes
// in through Graph (On-Behalf-Of), the notification and the receipt leave through Graph's sendMail
// with an app-only token (client credentials, certificate), and Graph's throttling is honoured by
// the job queue waiting what Retry-After says.
jest.setTimeout(120_000);

const MAILBOX = 'zegel@zorg.example';
let lab: M365Lab;
let zegel: RunningZegel;
let userToken: string;

beforeAll(async () => {
  lab = await startM365Lab();
  lab.graph.addMailbox(MAILBOX);
  zegel = await startZegel({
    env: lab.env({
      ZEGEL_OUTBOUND_MODE: 'graph',
      ZEGEL_MAIL_FROM: `Zegel <${MAILBOX}>`,
      ZEGEL_RETRIEVAL_GRACE_HOURS: '0',
    }),
  });
  userToken = await lab.provider.token('sender');
});

afterAll(async () => {
  await zegel?.close();
  await lab?.close();
});

/** The first mail sent through Graph that `match` accepts, parsed. */
async function sentMail(
  match: (mail: ParsedMail) => boolean,
  timeoutMs = 30_000,
): Promise<{ mail: ParsedMail; sent: SentMail }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const sent of lab.graph.sent) {
      const mail = await simpleParser(sent.mime);
      if (match(mail)) return { mail, sent };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no such mail was sent through Graph in time');
}

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address));

describe('outbound mode graph, registered flow end to end', () => {
  let submitted: SubmitMessageResponse;
  let token: string;
  let cookie: string;

  it('takes the draft through Graph and sends the notification through Graph, after the 429 it was told to wait out', async () => {
    const file = bufferContent('uitslag.pdf', 'application/pdf', Buffer.from('%PDF-1.7 uitslag'));
    lab.graph.addDraft({
      id: 'flow-1',
      owner: 'anne@example.nl',
      subject: 'Uw uitslag',
      html: '<p>Zie de bijlage.</p>',
      headers: { 'X-Zegel-Classification': 'registered' },
      to: ['patient@example.org'],
      attachments: [file],
    });
    // Graph throttles Zegel's first sendMail for 7 s: longer than the queue's own first backoff (4–6 s).
    lab.graph.throttle('POST', /\/sendMail$/, 7);
    const res = await http(
      `${zegel.url}/api/v1/m365/intake`,
      jsonRequest(
        {
          itemId: 'flow-1',
          classification: 'registered',
          recipients: [{ address: 'patient@example.org' }],
          attachments: [{ name: 'uitslag.pdf', size: file.size, kind: 'file' }],
        },
        { headers: { authorization: `Bearer ${userToken}` } },
      ),
    );
    expect(res.status).toBe(201);
    submitted = res.json<SubmitMessageResponse>();

    const { mail, sent } = await sentMail(
      (m) =>
        to(m).includes('patient@example.org') && m.headers.get('x-zegel-kind') === 'notification',
    );
    expect(sent.mailbox).toBe(MAILBOX);
    expect(mail.from?.value[0].address).toBe(MAILBOX);
    const tries = lab.graph.requests.filter((r) => r.path === `/v1.0/users/${MAILBOX}/sendMail`);
    expect(tries.slice(0, 2).map((r) => r.status)).toEqual([429, 202]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(7_000);
    token = /\/p\/([A-Za-z0-9_-]{22})/.exec(mail.text ?? '')![1];
  });

  it('lets the recipient unlock with the CE-ID and accept', async () => {
    const ceId = submitted.recipients[0].ceId!;
    const unlock = await http(`${zegel.url}/api/v1/pickup/${token}/unlock`, jsonRequest({ ceId }));
    expect(unlock.status).toBe(200);
    cookie = cookieFrom(unlock);
    const accept = await http(`${zegel.url}/api/v1/pickup/${token}/accept`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(accept.json()).toEqual({ state: 'accepted' });
  });

  it('sends the sender the receipt through Graph, with the digests', async () => {
    const { mail } = await sentMail(
      (m) =>
        to(m).includes('anne@example.nl') &&
        m.headers.get('x-zegel-evidence') === 'ConsignmentAcceptance',
    );
    expect(mail.text).toContain(submitted.attachments[0].sha256);
    expect(mail.text).toContain('patient@example.org accepted the message');
  });
});
