import type { SubmitMessageResponse } from '@zegel/shared';
import { DatabaseService } from '../../server/src/database/database.service';
import { placeholders, runSql } from '../../server/src/database/sql.util';
import { RetentionService } from '../../server/src/messages/retention.service';
import { cookieFrom, http, jsonRequest } from '../support/http';
import { messageStatus, startCluster, tally, tokenFromSink, type Cluster } from './instances';

jest.setTimeout(180_000);

const DAY = 86_400_000;

/**
 * Races that one process on SQLite hides: three instances on one PostgreSQL database. Every race
 * must leave exactly one outcome, in the answers, in the state and in the evidence.
 */
describe('three instances on one PostgreSQL database', () => {
  let cluster: Cluster;
  let round = 0;

  beforeAll(async () => {
    cluster = await startCluster(2, {
      ZEGEL_PICKUP_IP_FAILURES: '3',
      ZEGEL_PICKUP_MESSAGE_FAILURES: '10',
      ZEGEL_SWEEP_INTERVAL_SECONDS: '1',
    });
  });
  afterAll(() => cluster?.stop());

  const [a, b, c] = [0, 1, 2].map((i) => () => cluster.urls[i]);

  async function submit(via: string, address: string): Promise<SubmitMessageResponse> {
    const res = await http(
      `${via}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'Uitslag',
        recipients: [{ address }],
        text: 'body',
      }),
    );
    expect(res.status).toBe(201);
    return res.json<SubmitMessageResponse>();
  }

  /** A fresh copy: submitted through one instance, notified by whichever claims the job. */
  async function copy(prefix: string) {
    const address = `${prefix}-${++round}@example.nl`;
    const sent = await submit(a(), address);
    return {
      id: sent.id,
      address,
      ceId: sent.recipients[0].ceId!,
      token: await tokenFromSink(cluster.sink, address),
    };
  }

  const unlock = (url: string, token: string, ceId: string, localAddress = '127.0.0.1') =>
    http(`${url}/api/v1/pickup/${token}/unlock`, jsonRequest({ ceId }, { localAddress }));

  const types = async (id: string) => (await messageStatus(a(), id)).events.map((e) => e.type);

  it('lets exactly one of accept and decline win, in ten rounds', async () => {
    for (let i = 0; i < 10; i++) {
      const m = await copy('answer');
      const cookie = cookieFrom(await unlock(b(), m.token, m.ceId));
      const [accept, decline] = await Promise.all(
        (['accept', 'decline'] as const).map((d, j) =>
          http(`${[b(), c()][j]}/api/v1/pickup/${m.token}/${d}`, {
            method: 'POST',
            headers: { cookie },
          }),
        ),
      );
      expect([accept.status, decline.status].sort()).toEqual([200, 409]);
      const events = await types(m.id);
      const answers = events.filter(
        (t) => t === 'ConsignmentAcceptance' || t === 'ConsignmentRejection',
      );
      expect(answers).toHaveLength(1);
      const state = (await messageStatus(a(), m.id)).recipients[0].state;
      expect(state).toBe(accept.status === 200 ? 'accepted' : 'declined');
      expect(answers[0]).toBe(
        accept.status === 200 ? 'ConsignmentAcceptance' : 'ConsignmentRejection',
      );
    }
  });

  it('lets exactly one of opening and revoking win', async () => {
    for (let i = 0; i < 5; i++) {
      const m = await copy('revoke');
      const [opened, revoked] = await Promise.all([
        unlock(b(), m.token, m.ceId),
        http(`${c()}/api/v1/messages/${m.id}/revoke`, { method: 'POST' }),
      ]);
      // When the revoke wins, the right code hears "no longer available" (410) if it read the
      // revoked copy, or the one refusal (401) if it lost the conditional write itself.
      if (opened.status === 200) expect(revoked.status).toBe(409);
      else {
        expect(revoked.status).toBe(200);
        expect([401, 410]).toContain(opened.status);
      }
      const events = await types(m.id);
      const outcomes = events.filter(
        (t) => t === 'ContentHandover' || t === 'SubmissionWithdrawal',
      );
      expect(outcomes).toEqual([
        opened.status === 200 ? 'ContentHandover' : 'SubmissionWithdrawal',
      ]);
    }
  });

  it('judges no more than the limit of a burst of 40 wrong codes from one address, and never fails', async () => {
    const m = await copy('burst');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        unlock([b(), c()][i % 2], m.token, 'ZZZ-ZZZ-ZZZ', '127.0.6.1'),
      ),
    );
    const statuses = tally(answers.map((r) => r.status));
    expect(Object.fromEntries(statuses)).toEqual({ 401: 3, 429: 37 });
    const failures = (await messageStatus(a(), m.id)).events.filter(
      (e) => e.type === 'ContentHandoverFailure',
    );
    expect(failures).toHaveLength(3);
    expect(failures.some((e) => e.reason?.includes('address blocked'))).toBe(true);
  });

  it('locks a copy after 10 wrong codes from 30 addresses at once; then even the right code fails', async () => {
    const m = await copy('spread');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        unlock([b(), c()][i % 2], m.token, 'ZZZ-ZZZ-ZZZ', `127.0.7.${i + 1}`),
      ),
    );
    expect(answers.every((r) => r.status === 401)).toBe(true);
    const status = await messageStatus(a(), m.id);
    expect(status.recipients[0].state).toBe('locked');
    const failures = status.events.filter((e) => e.type === 'ContentHandoverFailure');
    expect(failures).toHaveLength(10);
    expect(failures.filter((e) => e.reason?.includes('copy locked'))).toHaveLength(1);
    expect((await unlock(b(), m.token, m.ceId, '127.0.8.1')).status).toBe(401);
  });

  it('sends every notification exactly once when three instances claim jobs side by side', async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `claim-${i}@example.nl`);
    await Promise.all(addresses.map((address, i) => submit(cluster.urls[i % 3], address)));
    for (const address of addresses) await tokenFromSink(cluster.sink, address);
    await new Promise((r) => setTimeout(r, 2500));
    const mails = cluster.sink.mails.filter((m) => addresses.some((x) => m.envelopeTo.includes(x)));
    expect(Object.fromEntries(tally(mails.map((m) => m.envelopeTo[0])))).toEqual(
      Object.fromEntries(addresses.map((x) => [x, 1])),
    );
  });

  it('finishes the jobs of an instance killed mid-send, with one notification record each', async () => {
    const victim = await cluster.addProcess();
    cluster.sink.replyDelayMs = 4000;
    const addresses = Array.from({ length: 8 }, (_, i) => `killed-${i}@example.nl`);
    const sent = await Promise.all(addresses.map((address) => submit(victim.url, address)));
    const deadline = Date.now() + 10_000;
    while (cluster.sink.unanswered < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(cluster.sink.unanswered).toBeGreaterThan(0);
    await victim.kill();
    cluster.sink.replyDelayMs = 0;
    for (const address of addresses) await tokenFromSink(cluster.sink, address);
    // Leases of the killed instance lapse (3 s) and another instance runs its jobs again.
    const settle = Date.now() + 20_000;
    for (const s of sent) {
      for (;;) {
        const st = await messageStatus(a(), s.id);
        if (st.recipients[0].state === 'notified' || Date.now() > settle) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    for (const [i, s] of sent.entries()) {
      const st = await messageStatus(a(), s.id);
      expect(st.recipients[0].state).toBe('notified');
      expect(st.events.filter((e) => e.type === 'ConsignmentNotification')).toHaveLength(1);
      // A mail the relay took just before the crash may come again, with the same Message-ID.
      const ids = cluster.sink.mails
        .filter((m) => m.envelopeTo.includes(addresses[i]))
        .map((m) => m.parsed.messageId);
      expect(ids.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ids).size).toBe(1);
    }
  });

  it('records each expiry once when the sweep runs on every instance at once', async () => {
    const expiring = await Promise.all(Array.from({ length: 12 }, () => copy('expire')));
    // The other instances sweep every second on their own clock: move the deadline to the past.
    await runSql(
      cluster.inProcess.app.get(DatabaseService).manager,
      `UPDATE messages SET "expiresAt" = ? WHERE id IN (${placeholders(expiring.length)})`,
      [new Date(Date.now() - 1000).toISOString(), ...expiring.map((m) => m.id)],
    );
    const retention = cluster.inProcess.app.get(RetentionService);
    await Promise.all([retention.sweep(), retention.sweep(new Date(Date.now() + DAY))]);
    await new Promise((r) => setTimeout(r, 2500));
    for (const m of expiring) {
      const st = await messageStatus(a(), m.id);
      expect(st.recipients[0].state).toBe('expired');
      expect(st.content).toBe('deleted');
      expect(st.events.filter((e) => e.type === 'AcceptanceRejectionExpiry')).toHaveLength(1);
      expect(st.events.filter((e) => e.type === 'ContentDeletion')).toHaveLength(1);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const receipts = cluster.sink.mails.filter(
      (m) => m.parsed.headers.get('x-zegel-evidence') === 'AcceptanceRejectionExpiry',
    );
    for (const m of expiring) {
      expect(receipts.filter((r) => (r.parsed.subject ?? '').includes(m.address))).toHaveLength(1);
    }
  });

  it('lets exactly one of accepting and expiring win', async () => {
    for (let i = 0; i < 5; i++) {
      const m = await copy('late');
      const cookie = cookieFrom(await unlock(b(), m.token, m.ceId));
      const retention = cluster.inProcess.app.get(RetentionService);
      const [accept] = await Promise.all([
        http(`${c()}/api/v1/pickup/${m.token}/accept`, { method: 'POST', headers: { cookie } }),
        retention.sweep(new Date(Date.now() + 30 * DAY)),
      ]);
      const events = await types(m.id);
      const outcomes = events.filter(
        (t) => t === 'ConsignmentAcceptance' || t === 'AcceptanceRejectionExpiry',
      );
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toBe(
        accept.status === 200 ? 'ConsignmentAcceptance' : 'AcceptanceRejectionExpiry',
      );
      // A loser is told the copy's state changed or closed; or, when the sweep (run 30 days ahead)
      // purged the sessions that had ended by then before the accept read its own, to unlock again.
      if (accept.status !== 200) expect([401, 409, 410]).toContain(accept.status);
    }
  });
});
