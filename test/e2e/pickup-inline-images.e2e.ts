import type { PickupMessageView, SubmitMessageResponse } from '@zegel/shared';
import { simpleParser } from 'mailparser';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http, multipart } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { codesInMail, ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * Inline `cid:` images: served from the message's own parts, to the session of that message only,
 * as images only, with their type and nosniff; remote images are counted and never fetched.
 */
describe('inline images on the pickup page', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_PICKUP_IP_FAILURES: '50' } });
    z = new ZegelClient(zegel.url, zegel.keyDir);
  });
  afterAll(() => zegel?.close());

  /** Submits through the API with files and their Content-IDs; opens the copy. */
  async function open(
    address: string,
    html: string,
    files: { name: string; type: string; data: Buffer; contentId?: string }[],
  ) {
    const form = new FormData();
    form.append(
      'message',
      JSON.stringify({
        classification: 'registered',
        subject: 'Met afbeeldingen',
        recipients: [{ address }],
        html,
        inlineImages: files.flatMap((f, attachment) =>
          f.contentId ? [{ attachment, contentId: f.contentId }] : [],
        ),
      }),
    );
    for (const f of files)
      form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
    const { headers, body } = await multipart(form);
    const res = await http(`${zegel.url}/api/v1/messages`, { method: 'POST', headers, body });
    expect(res.status).toBe(201);
    const sent = res.json<SubmitMessageResponse>();
    await zegel.app.get(JobQueue).drain();
    const token = await z.pickupToken(address);
    const unlocked = await z.unlock(token, sent.recipients[0].ceId!);
    expect(unlocked.status).toBe(200);
    const cookie = unlocked.headers['set-cookie']![0].split(';')[0];
    return { token, cookie, view: unlocked.json<PickupMessageView>() };
  }

  const inline = (token: string, index: number | string, cookie?: string) =>
    http(`${zegel.url}/api/v1/pickup/${token}/inline/${index}`, {
      headers: cookie ? { cookie } : {},
    });

  it('serves a cid: image of this message to its session, as an image, and nothing else', async () => {
    const a = await open(
      'inline-a@example.nl',
      '<p style="color:#036;position:fixed">Zie <img src="cid:logo@zorg.example" alt="Logo">' +
        '<img src="cid:brief@zorg.example" alt="Brief">' +
        '<img src="https://tracker.example/open.gif" alt=""></p>',
      [
        { name: 'logo.png', type: 'image/png', data: PNG, contentId: 'logo@zorg.example' },
        // Named by a cid: but not an image: neither shown inline nor served as one.
        { name: 'brief.pdf', type: 'application/pdf', data: PDF, contentId: 'brief@zorg.example' },
        { name: 'bijlage.png', type: 'image/png', data: PNG },
      ],
    );
    expect(a.view.html).toBe(
      '<p style="color:#036">Zie <img alt="Logo" data-zegel-part="0" />' +
        '<img alt="" data-zegel-remote="https://tracker.example/open.gif" /></p>',
    );
    expect(a.view.remoteImages).toBe(1);

    const image = await inline(a.token, 0, a.cookie);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['cache-control']).toBe('private, no-store');
    expect(image.body.equals(PNG)).toBe(true);

    // The recipient's own copy (.eml) keeps the Content-IDs, so the body finds its images there too.
    const eml = await simpleParser(
      (
        await http(`${zegel.url}/api/v1/pickup/${a.token}/message.eml`, {
          headers: { cookie: a.cookie },
        })
      ).body,
    );
    expect(eml.attachments.map((x) => x.cid)).toEqual([
      'logo@zorg.example',
      'brief@zorg.example',
      undefined,
    ]);

    // Not an image type, an image that is no inline part, a part that does not exist, not a number.
    for (const index of [1, 2, 3, 'x'])
      expect((await inline(a.token, index, a.cookie)).status).toBe(404);
    // No session, or the session of another copy: the CE-ID is asked for.
    expect((await inline(a.token, 0)).status).toBe(401);

    const b = await open('inline-b@example.nl', '<img src="cid:een@b"><img src="cid:twee@b">', [
      { name: 'een.png', type: 'image/png', data: PNG, contentId: 'een@b' },
      { name: 'twee.png', type: 'image/png', data: PNG, contentId: 'twee@b' },
    ]);
    expect(b.view.html).toBe('<img data-zegel-part="0" /><img data-zegel-part="1" />');
    expect((await inline(b.token, 1, b.cookie)).status).toBe(200);
    // B's image through A's link, and A's session on B's link: refused.
    expect((await inline(a.token, 1, a.cookie)).status).toBe(404);
    const crossed = await inline(b.token, 0, a.cookie);
    expect(crossed.status).toBe(401);
    expect(crossed.body.equals(PNG)).toBe(false);
  });

  it('refuses a malformed Content-ID at intake', async () => {
    const res = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        classification: 'registered',
        subject: 'x',
        recipients: [{ address: 'x@example.nl' }],
        html: '<p>x</p>',
        inlineImages: [{ attachment: 0, contentId: '<bad id>' }],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps the Content-IDs of mail that Exchange relays to the connector', async () => {
    const reply = await z.sendSmtp(zegel.app.get(SmtpConnector).port, {
      from: 'arts@zorg.example',
      to: ['inline-smtp@example.nl'],
      headers: { 'X-Zegel-Classification': 'registered' },
      html: '<table border="1"><tr><td><img src="cid:image001.png@01DB0000" alt="Logo"></td></tr></table>',
      attachments: [
        {
          name: 'image001.png',
          type: 'image/png',
          content: PNG,
          contentId: 'image001.png@01DB0000',
        },
      ],
    });
    expect(reply.code).toBe(250);
    await zegel.app.get(JobQueue).drain();
    const codesMail = (await z.outbox()).find(
      (m) => m.to.includes('arts@zorg.example') && m.subject.includes('inline-smtp@example.nl'),
    )!;
    const ceId = codesInMail((await z.mail(codesMail.id)).text).get('inline-smtp@example.nl')!;
    const token = await z.pickupToken('inline-smtp@example.nl');
    const cookie = await z.openSession(token, ceId);
    const view = (
      await http(`${zegel.url}/api/v1/pickup/${token}/message`, { headers: { cookie } })
    ).json<PickupMessageView>();
    expect(view.html).toContain(
      '<table border="1"><tr><td><img alt="Logo" data-zegel-part="0" /></td></tr></table>',
    );
    const image = await inline(token, 0, cookie);
    expect(image.status).toBe(200);
    expect(image.body.equals(PNG)).toBe(true);
  });
});
