import type {
  AdminEventsPage,
  AdminOverview,
  ErrorBody,
  ReadinessList,
  SubmitMessageResponse,
} from '@zegel/shared';
import { DatabaseService } from '../../server/src/database/database.service';
import { submitMessage, waitForMail } from '../support/browser-fixtures';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(60_000);

/** The admin overview, the SmartTLS readiness list and the filtered event log, over HTTP. */
describe('admin overview, readiness list and event log filters', () => {
  let zegel: RunningZegel;
  const sent: SubmitMessageResponse[] = [];

  beforeAll(async () => {
    // Nothing answers DNS on this port: every SmartTLS check fails fast, as an offline one would.
    zegel = await startZegel({ env: { ZEGEL_DNS_RESOLVER: '127.0.0.1:9' } });
    for (const recipient of ['een@ontvanger.example', 'twee@ontvanger.example', 'x@ander.example'])
      sent.push(await submitMessage(zegel.url, { recipient, subject: 'Overzicht', text: 'x' }, []));
    await waitForMail(zegel.url, 'notification', 'x@ander.example');
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const get = <T>(path: string) =>
    http(`${zegel.url}${path}`).then((r) => ({ ...r, body: r.json<T>() }));

  it('counts today’s messages by route and says what waits and what expires', async () => {
    const { status, body } = await get<AdminOverview>('/api/v1/admin/overview?days=7');
    expect(status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.days).toBe(7);
    expect(body.messagesPerDay).toHaveLength(7);
    expect(body.messagesPerDay.at(-1)).toEqual({ day: today, direct: 0, pickup: 3 });
    expect(body.messagesPerDay.slice(0, 6).every((d) => d.direct + d.pickup === 0)).toBe(true);
    expect(body.pickup).toEqual({ copies: 3, opened: 0, rate: 0 });
    expect(body.acceptance).toEqual({ opened: 0, accepted: 0, declined: 0, rate: null });
    expect(body.failedDeliveries).toEqual({ count: 0, latest: [] });
    expect(body.queue.queued).toBeGreaterThanOrEqual(0);
    expect(body.connectorCertificate).toMatchObject({ development: true });
    expect(body.connectorCertificate!.daysLeft).toBeGreaterThan(300);
  });

  it.each(['0', '91', 'week'])('refuses days=%s with 400 VALIDATION_FAILED', async (days) => {
    const res = await http(`${zegel.url}/api/v1/admin/overview?days=${days}`);
    expect(res.status).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe('VALIDATION_FAILED');
    expect(res.json<ErrorBody>().error.details?.[0].path).toBe('days');
  });

  it('lists the recipient domains with their route and verdict', async () => {
    const { status, body } = await get<ReadinessList>('/api/v1/admin/smarttls/readiness?days=3');
    expect(status).toBe(200);
    expect(body.domains.map((d) => [d.domain, d.copies, d.pickup, d.direct])).toEqual([
      ['ontvanger.example', 2, 2, 0],
      ['ander.example', 1, 1, 0],
    ]);
    for (const d of body.domains) {
      // Captured outbound mail never goes direct; the check could not reach DNS.
      expect(d.route).toBe('pickup');
      expect(d.routeReason.code).toBe('DIRECT_UNAVAILABLE');
      expect(['defer', 'failed']).toContain(d.verdict);
    }
    expect((await http(`${zegel.url}/api/v1/admin/smarttls/readiness?days=abc`)).status).toBe(400);
  });

  it('filters the event log on the server and pages it newest first', async () => {
    const base = '/api/v1/admin/events';
    const all = await get<AdminEventsPage>(base);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.events.length);
    const seqs = all.body.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const ofOne = await get<AdminEventsPage>(`${base}?messageId=${sent[2].id}`);
    expect(ofOne.body.events.length).toBeGreaterThanOrEqual(2);
    expect(ofOne.body.events.every((e) => e.messageId === sent[2].id)).toBe(true);

    const accepted = await get<AdminEventsPage>(
      `${base}?type=SubmissionAcceptance&actor=DEVELOPER@&limit=2`,
    );
    expect(accepted.body.total).toBe(3);
    expect(accepted.body.events.map((e) => e.messageId)).toEqual([sent[2].id, sent[1].id]);
    const rest = await get<AdminEventsPage>(
      `${base}?type=SubmissionAcceptance&actor=DEVELOPER@&limit=2&before=${accepted.body.next}`,
    );
    expect(rest.body.events.map((e) => e.messageId)).toEqual([sent[0].id]);
    expect(rest.body.next).toBeNull();

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await get<AdminEventsPage>(`${base}?from=${today}&to=${today}`)).body.total).toBe(
      all.body.total,
    );
    expect((await get<AdminEventsPage>(`${base}?to=${yesterday}`)).body.total).toBe(0);

    const bad = await http(`${zegel.url}${base}?type=Nope&from=2026-13-01`);
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorBody>().error.details?.map((d) => d.path)).toEqual(['type', 'from']);
  });

  it('refuses a filtered page whose event no longer links to the one before it', async () => {
    const path = `/api/v1/admin/events?messageId=${sent[2].id}&type=ConsignmentNotification`;
    const page = await get<AdminEventsPage>(path);
    expect(page.body.events).toHaveLength(1);
    const [shown] = page.body.events;
    // Change the event before it in its chain, which the filtered page does not show.
    const db = zegel.app.get(DatabaseService).manager;
    const postgres = zegel.config.database.type === 'postgres';
    await db.query(
      postgres
        ? 'UPDATE evidence_events SET "hash" = $1 WHERE "messageId" = $2 AND "chainSeq" = $3'
        : 'UPDATE evidence_events SET "hash" = ? WHERE "messageId" = ? AND "chainSeq" = ?',
      ['0f'.repeat(32), sent[2].id, shown.chainSeq! - 1],
    );
    const refused = await http(`${zegel.url}${path}`);
    expect(refused.status).toBe(500);
    expect(refused.json<ErrorBody>().error.code).toBe('INTEGRITY_FAILURE');
    expect(refused.json<ErrorBody>().error.message).toContain(`${shown.seq}`);
  });
});
