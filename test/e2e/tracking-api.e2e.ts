import type { ErrorBody, MessageStatusResponse, TrackingPage } from '@zegel/shared';
import { submitMessage } from '../support/browser-fixtures';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

/** Message tracking through the admin API: filters, keyset pages, bad input, an admin's revoke. */
describe('message tracking API', () => {
  let zegel: RunningZegel;
  const ids: string[] = [];

  beforeAll(async () => {
    zegel = await startZegel();
    for (let i = 0; i < 5; i++) {
      const sent = await submitMessage(
        zegel.url,
        { recipient: `volg${i % 2}@recipient.example`, subject: `Bericht ${i}`, text: 'x' },
        [],
      );
      ids.push(sent.id);
    }
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const search = (query: string) => http(`${zegel.url}/api/v1/admin/messages?${query}`);

  it('finds messages by recipient, sender and date, newest first, in pages', async () => {
    const byRecipient = (await search('recipient=VOLG1@recipient.example')).json<TrackingPage>();
    expect(byRecipient.messages.map((m) => m.id)).toEqual([ids[3], ids[1]]);
    expect(byRecipient.messages[0].recipients[0]).toMatchObject({
      address: 'volg1@recipient.example',
      route: 'pickup',
    });
    const today = new Date().toISOString().slice(0, 10);
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 5; pages++) {
      const res = await search(
        `sender=developer@zegel.test&from=${today}&to=${today}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.json<TrackingPage>();
      seen.push(...page.messages.map((m) => m.id));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toEqual([...ids].reverse());
    expect((await search('classification=confidential')).json<TrackingPage>().messages).toEqual([]);
  });

  it.each([
    ['state=opened', ['state']],
    ['from=yesterday&limit=0', ['from', 'limit']],
    ['sender=not-an-address&recipient=x', ['sender', 'recipient']],
    ['cursor=bm9wZQ', ['cursor']],
    ['sender=a@b.example&sender=c@d.example', ['sender']],
    ['from=2026-12-01&to=2026-11-01', ['to']],
  ])('refuses %s with 400 VALIDATION_FAILED by field', async (query, paths) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    const error = res.json<ErrorBody>().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details!.map((d) => d.path)).toEqual(paths);
  });

  it('an admin revokes a message with a reason, and the evidence says so', async () => {
    const res = await http(
      `${zegel.url}/api/v1/messages/${ids[4]}/revoke`,
      jsonRequest({ reason: 'Wrong recipient' }),
    );
    expect(res.status).toBe(200);
    const revoked = (await search('state=revoked')).json<TrackingPage>();
    expect(revoked.messages.map((m) => m.id)).toEqual([ids[4]]);
    const detail = (
      await http(`${zegel.url}/api/v1/messages/${ids[4]}`)
    ).json<MessageStatusResponse>();
    expect(detail.events.map((e) => e.type)).toContain('SubmissionAcceptance');
    const withdrawal = detail.events.find((e) => e.reason?.includes('Wrong recipient'));
    // The development user sent these messages itself, so it acts as their sender.
    expect(withdrawal).toMatchObject({ actor: 'sender:developer@zegel.test' });
  });
});
