import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http } from '../support/http';
import { pdfText } from '../support/pdf-text';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Branded mails, the configured receipts, the receipt PDF and the page that checks its signature. */
describe('notifications and receipts', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;
  const drain = () => zegel.app.get(JobQueue).drain();

  beforeAll(async () => {
    zegel = await startZegel({
      env: {
        ZEGEL_ORG_NAME: 'Gemeente Voorbeeld',
        ZEGEL_ORG_SUPPORT_PHONE: '+31 20 123 4567',
        ZEGEL_RECEIPT_EVENTS: 'ConsignmentAcceptance,ConsignmentRejection',
        ZEGEL_RECEIPT_SHOW_SUBJECT: 'true',
      },
    });
    z = new ZegelClient(zegel.url);
  });
  afterAll(() => zegel?.close());

  it('sends a branded notification that says why the message comes through the portal', async () => {
    await z.submit({ recipients: [{ address: 'branded@example.nl' }] });
    await drain();
    const summary = (await z.outbox()).find(
      (m) => m.kind === 'notification' && m.to.includes('branded@example.nl'),
    )!;
    const mail = await z.mail(summary.id);
    expect(mail.text).toContain('Gemeente Voorbeeld');
    expect(mail.text).toContain('heeft u een beveiligd bericht gestuurd');
    expect(mail.text).toContain('has sent you a secure message');
    expect(mail.text).toContain('Registered messages are always handed over through the portal');
    expect(mail.text).toContain('+31 20 123 4567');
    const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${summary.id}`)).body;
    expect((await simpleParser(raw)).from?.text).toBe(
      '"Development User (Gemeente Voorbeeld)" <zegel@localhost>',
    );
  });

  it('sends one receipt per configured outcome, with a PDF whose digests match, and a link that checks the signature', async () => {
    const letter = 'Beste patiënt, de uitslag is goed.';
    const sent = await z.submit({
      subject: 'Uitslag bloedonderzoek',
      text: letter,
      recipients: [{ address: 'receipt@example.nl' }],
    });
    await drain();
    const token = await z.pickupToken('receipt@example.nl');
    const cookie = await z.openSession(token, sent.recipients[0].ceId!, '127.0.5.1');
    expect((await z.answer(token, cookie, 'accept')).status).toBe(200);
    await drain();

    const receipts = (await z.outbox()).filter(
      (m) => m.kind === 'receipt' && m.subject.includes('receipt@example.nl'),
    );
    // The handover is not among the configured outcomes: only the acceptance sends a receipt.
    expect(receipts).toHaveLength(1);
    expect(receipts[0].subject).toContain('Uitslag bloedonderzoek');
    const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${receipts[0].id}`)).body;
    const parsed = await simpleParser(raw);
    expect(parsed.headers.get('x-zegel-evidence')).toBe('ConsignmentAcceptance');
    expect(parsed.text).toContain('receipt@example.nl accepted the message');
    expect(parsed.text).toContain('receipt@example.nl heeft het bericht geaccepteerd');
    expect(parsed.text).toContain(sha256(letter));

    const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf).toBeDefined();
    const { lines } = await pdfText(pdf.content);
    expect(lines).toContain(sha256(letter));
    expect(sent.body.text).toBe(sha256(letter));
    const text = lines.join('\n');
    expect(text).toContain('Onderwerp / Subject: Uitslag bloedonderzoek');
    expect(text).toMatch(/#\d+ SubmissionAcceptance/);
    expect(text).toMatch(/#\d+ ContentHandover/);
    expect(text).toMatch(/#\d+ ConsignmentAcceptance/);

    const link = /(http\S+\/verify\/[0-9a-f-]{36}\?h=[0-9a-f]{64}&s=[A-Za-z0-9_-]+)/.exec(
      parsed.text!,
    )![1];
    expect(text.replace(/\n/g, '')).toContain(link);
    const page = await http(link);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text()).toContain('The signature is valid');
    expect(page.text()).toContain(sha256(letter));

    const url = new URL(link);
    const hash = url.searchParams.get('h')!;
    const forged = new URL(link);
    forged.searchParams.set('h', `${hash[0] === 'a' ? 'b' : 'a'}${hash.slice(1)}`);
    const wrong = await http(forged.href);
    expect(wrong.status).toBe(404);
    expect(wrong.text()).not.toContain(sha256(letter));
    for (const bad of [
      `${zegel.url}/verify/not-a-uuid?h=${hash}`,
      `${url.origin}${url.pathname}?h=${hash}`,
      `${url.origin}${url.pathname}?h[]=1&s=2`,
    ]) {
      const res = await http(bad);
      expect(res.status).toBe(400);
      expect(res.text()).toContain('This link is incomplete');
    }
  });

  it('keeps the subject out of the notification unless configured', async () => {
    const sent = await z.submit({
      subject: 'Geheim onderwerp',
      recipients: [{ address: 'nosubject@example.nl' }],
    });
    await drain();
    const summary = (await z.outbox()).find(
      (m) => m.kind === 'notification' && m.to.includes('nosubject@example.nl'),
    )!;
    const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${summary.id}`)).text();
    expect(raw).not.toContain('Geheim onderwerp');
    expect(sent.id).toBeTruthy();
  });
});
