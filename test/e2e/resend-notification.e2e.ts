import type { EventsPage } from '@zegel/shared';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

/**
 * An admin sends a recipient the notification again from message tracking: a reason is required,
 * the old link stops working, the mail goes out once through the queue, and a copy that is no
 * longer open is refused.
 */
describe('resend the notification', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;
  const drain = () => zegel.app.get(JobQueue).drain();
  const resend = (id: string, address: string, body: unknown) =>
    http(
      `${zegel.url}/api/v1/admin/messages/${id}/recipients/${encodeURIComponent(address)}/resend-notification`,
      jsonRequest(body),
    );
  const notificationsTo = async (address: string) =>
    (await z.outbox()).filter((m) => m.kind === 'notification' && m.to.includes(address));

  beforeAll(async () => {
    zegel = await startZegel();
    z = new ZegelClient(zegel.url, zegel.keyDir);
  });
  afterAll(() => zegel?.close());

  it('needs a reason, sends once with a new link, keeps the code, and leaves evidence', async () => {
    const sent = await z.submit({ recipients: [{ address: 'patient@example.nl' }] });
    const ceId = sent.recipients[0].ceId!;
    await drain();
    const oldToken = await z.pickupToken('patient@example.nl');

    const noReason = await resend(sent.id, 'patient@example.nl', { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.json<{ error: { details: { path: string }[] } }>().error.details).toEqual([
      expect.objectContaining({ path: 'reason', code: 'REQUIRED' }),
    ]);
    expect(await notificationsTo('patient@example.nl')).toHaveLength(1);

    const res = await resend(sent.id, 'Patient@Example.nl', { reason: 'mail landed in spam' });
    expect(res.status).toBe(202);
    await drain();
    await drain();
    expect(await notificationsTo('patient@example.nl')).toHaveLength(2);
    const newToken = await z.pickupToken('patient@example.nl');
    expect(newToken).not.toBe(oldToken);
    expect((await z.unlock(oldToken, ceId)).status).toBe(401);

    const events = (await z.status(sent.id)).events;
    const request = events.find((e) => e.type === 'NotificationResend');
    expect(request).toMatchObject({
      actor: 'admin:developer@zegel.test',
      recipient: 'patient@example.nl',
      reason: expect.stringContaining('mail landed in spam'),
    });
    expect(
      events.filter(
        (e) => e.type === 'ConsignmentNotification' && /sent again/.test(e.reason ?? ''),
      ),
    ).toHaveLength(1);
    // The SOC sees it in the event stream too.
    const page = (await http(`${zegel.url}/api/v1/events?limit=1000`)).json<EventsPage>();
    expect(page.events.some((e) => e.type === 'NotificationResend')).toBe(true);

    // The copy is opened with the new link and the old code: it is no longer open for a resend.
    expect((await z.unlock(newToken, ceId)).status).toBe(200);
    const late = await resend(sent.id, 'patient@example.nl', { reason: 'again' });
    expect(late.status).toBe(409);
    expect(late.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    await drain();
    expect(await notificationsTo('patient@example.nl')).toHaveLength(2);
  });

  it('refuses a revoked copy with 409 and an unknown recipient with 404', async () => {
    const sent = await z.submit({ recipients: [{ address: 'gone@example.nl' }] });
    await drain();
    const revoke = await http(
      `${zegel.url}/api/v1/messages/${sent.id}/revoke`,
      jsonRequest({ reason: 'sent to the wrong person' }),
    );
    expect(revoke.status).toBe(200);
    expect((await resend(sent.id, 'gone@example.nl', { reason: 'x' })).status).toBe(409);
    expect((await resend(sent.id, 'nobody@example.nl', { reason: 'x' })).status).toBe(404);
    await drain();
    expect(await notificationsTo('gone@example.nl')).toHaveLength(1);
  });
});
