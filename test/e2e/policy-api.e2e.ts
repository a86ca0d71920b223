import type {
  OrgPolicyView,
  PolicyPreflightResponse,
  PreflightResponse,
  SendCheckSettings,
} from '@zegel/shared';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { http, jsonRequest } from '../support/http';
import { JobQueue } from '../../server/src/queue/job-queue';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

/**
 * The organisation's policy through the admin API and the preflight the add-in asks, on the
 * embedded default (outbound mail captured, so nothing goes direct).
 */
describe('routing policy and preflight', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_PICKUP_IP_FAILURES: '50' } });
    z = new ZegelClient(zegel.url, zegel.keyDir);
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const preflight = async (classification: string, recipients: string[]) => {
    const res = await http(
      `${zegel.url}/api/v1/policy/preflight`,
      jsonRequest({ classification, recipients }),
    );
    expect(res.status).toBe(200);
    return res.json<PreflightResponse>();
  };
  const version = async () =>
    (await http(`${zegel.url}/api/v1/admin/policy`)).json<OrgPolicyView>().version;
  const putPolicy = async (body: unknown, ifMatch?: number) =>
    http(`${zegel.url}/api/v1/admin/policy`, {
      ...jsonRequest(body, { headers: { 'If-Match': `"${ifMatch ?? (await version())}"` } }),
      method: 'PUT',
    });

  it('starts from the defaults, the pickup limits from the configuration', async () => {
    const res = await http(`${zegel.url}/api/v1/admin/policy`);
    expect(res.status).toBe(200);
    expect(res.json<OrgPolicyView>()).toEqual({
      directDelivery: true,
      daneOnly: false,
      requireNta7516Record: false,
      forcePickupDomains: [],
      holdDomains: [],
      internalDomains: [],
      pickup: {
        wrongCodesPerCopy: 10,
        wrongCodesPerAddress: 50,
        acceptWindowDays: 14,
        downloadWindowHours: 24,
      },
      retentionDays: {},
      version: 1,
      updatedAt: null,
      updatedBy: null,
    });
  });

  it.each([
    ['registered', 'pickup', 'REGISTERED_ALWAYS_PICKUP', 'not-needed'],
    ['confidential', 'pickup', 'DIRECT_UNAVAILABLE', 'not-needed'],
    ['public', 'hold', 'NOT_ZEGELS_TO_SEND', 'not-needed'],
    ['internal', 'hold', 'NOT_ZEGELS_TO_SEND', 'not-needed'],
    ['top-secret', 'hold', 'UNKNOWN_CLASSIFICATION', 'not-needed'],
  ])('preflight: %s → %s (%s)', async (classification, route, code, verdict) => {
    const body = await preflight(classification, ['Jan@Zorg.example']);
    expect(body).toMatchObject({ classification, pending: false, smsCode: 'optional' });
    expect(body.recipients).toEqual([
      { address: 'jan@zorg.example', route, verdict, reasons: [expect.objectContaining({ code })] },
    ]);
  });

  it('changes the policy, records who did it, and routes by it', async () => {
    const res = await putPolicy({
      holdDomains: ['*.Blocked.example'],
      daneOnly: true,
      internalDomains: ['Zorg.example'],
    });
    expect(res.status).toBe(200);
    const view = res.json<OrgPolicyView>();
    expect(view).toMatchObject({
      holdDomains: ['blocked.example'],
      internalDomains: ['zorg.example'],
      daneOnly: true,
      directDelivery: true,
      updatedBy: 'developer@zegel.test',
    });
    expect(Date.parse(view.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const body = await preflight('registered', ['a@mail.blocked.example', 'b@zorg.example']);
    expect(body.recipients.map((r) => [r.route, r.reasons[0].code])).toEqual([
      ['hold', 'DOMAIN_HELD'],
      ['pickup', 'REGISTERED_ALWAYS_PICKUP'],
    ]);
    expect((await http(`${zegel.url}/api/v1/admin/policy`)).json<OrgPolicyView>().daneOnly).toBe(
      true,
    );
    // The change is in the event log with its before and after.
    const change = (await http(`${zegel.url}/api/v1/events?limit=1000`))
      .json<{
        events: {
          type: string;
          actor: string;
          details: { action: string; before: OrgPolicyView; after: OrgPolicyView };
        }[];
      }>()
      .events.find(
        (e) => e.type === 'ConfigurationChange' && e.details.action === 'org-policy.update',
      );
    expect(change?.actor).toBe('admin:developer@zegel.test');
    expect(change?.details.before).toMatchObject({ daneOnly: false, holdDomains: [] });
    expect(change?.details.after).toMatchObject({
      daneOnly: true,
      holdDomains: ['blocked.example'],
    });
  });

  it('refuses a submission with a held recipient and keeps nothing', async () => {
    // Every file in the data directory except the database's own (directories may stay).
    const blobs = () =>
      readdirSync(zegel.dataDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !/sqlite/.test(e.name))
        .map((e) => join(e.parentPath, e.name));
    const before = blobs();
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'x',
        recipients: [{ address: 'ok@zorg.example' }, { address: 'no@blocked.example' }],
        text: 'body',
      }),
    );
    expect(res.status).toBe(400);
    const error = res.json<{
      error: { code: string; details: { path: string; message: string }[] };
    }>().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { path: 'recipients.1.address', message: expect.stringContaining('no@blocked.example') },
    ]);
    expect(blobs()).toEqual(before);
    const list = await http(`${zegel.url}/api/v1/messages`);
    expect(list.json<unknown[]>()).toHaveLength(0);
  });

  it.each([
    ['(policy)', { lenient: true }, 'UNKNOWN_FIELD'],
    ['holdDomains', { holdDomains: ['not a domain'] }, 'DOMAIN_INVALID'],
    ['internalDomains.0', { internalDomains: ['x'.repeat(300)] }, 'TOO_LONG'],
    ['directDelivery', { directDelivery: 'no' }, 'WRONG_TYPE'],
    ['pickup.wrongCodesPerCopy', { pickup: { wrongCodesPerCopy: 0 } }, 'OUT_OF_RANGE'],
    ['pickup.acceptWindowDays', { pickup: { acceptWindowDays: 'ten' } }, 'WRONG_TYPE'],
    ['retentionDays.registered', { retentionDays: { registered: 366 } }, 'OUT_OF_RANGE'],
    ['retentionDays.nope', { retentionDays: { nope: 3 } }, 'UNKNOWN_CLASSIFICATION'],
  ])('refuses a bad %s with a stable code, and keeps the policy', async (path, body, code) => {
    const before = (await http(`${zegel.url}/api/v1/admin/policy`)).json<OrgPolicyView>();
    for (const res of [
      await putPolicy(body),
      await http(`${zegel.url}/api/v1/admin/policy/preflight`, jsonRequest(body)),
    ]) {
      expect(res.status).toBe(400);
      const error = res.json<{
        error: { code: string; details: { path: string; code: string }[] };
      }>().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details[0]).toMatchObject({ path, code });
    }
    expect((await http(`${zegel.url}/api/v1/admin/policy`)).json<OrgPolicyView>()).toEqual(before);
  });

  it('needs the version it changes: none is 400, an old one 409 with nothing written', async () => {
    const none = await http(`${zegel.url}/api/v1/admin/policy`, {
      ...jsonRequest({ daneOnly: false }),
      method: 'PUT',
    });
    expect(none.status).toBe(400);
    expect(
      none.json<{ error: { details: { path: string; code: string }[] } }>().error.details,
    ).toEqual([expect.objectContaining({ path: 'If-Match', code: 'IF_MATCH_REQUIRED' })]);
    const current = await version();
    const first = await putPolicy({ pickup: { downloadWindowHours: 48 } }, current);
    expect(first.status).toBe(200);
    expect(first.json<OrgPolicyView>()).toMatchObject({
      version: current + 1,
      pickup: { downloadWindowHours: 48, acceptWindowDays: 14 },
    });
    const second = await putPolicy({ pickup: { downloadWindowHours: 1 } }, current);
    expect(second.status).toBe(409);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    const now = (await http(`${zegel.url}/api/v1/admin/policy`)).json<OrgPolicyView>();
    expect(now).toMatchObject({ version: current + 1, pickup: { downloadWindowHours: 48 } });
  });

  it('shows the effect of a proposed change on recent recipient domains, saving nothing', async () => {
    await z.submit({ recipients: [{ address: 'jan@Recent.example' }] });
    await z.submit({
      classification: 'confidential',
      recipients: [{ address: 'an@other.example' }],
    });
    const before = await version();
    const res = await http(
      `${zegel.url}/api/v1/admin/policy/preflight`,
      jsonRequest({ holdDomains: ['recent.example'] }),
    );
    expect(res.status).toBe(200);
    const effect = res.json<PolicyPreflightResponse>();
    expect(effect.domains).toBeGreaterThanOrEqual(2);
    const changed = effect.rows.filter((r) => r.changed);
    expect(changed).toEqual([
      {
        domain: 'recent.example',
        classification: 'confidential',
        verdict: 'unknown',
        before: { route: 'pickup', code: 'DIRECT_UNAVAILABLE' },
        after: { route: 'hold', code: 'DOMAIN_HELD' },
        changed: true,
      },
      {
        domain: 'recent.example',
        classification: 'registered',
        verdict: 'unknown',
        before: { route: 'pickup', code: 'REGISTERED_ALWAYS_PICKUP' },
        after: { route: 'hold', code: 'DOMAIN_HELD' },
        changed: true,
      },
    ]);
    expect(effect.changes).toEqual({ 'pickup→hold': 2 });
    expect(effect.rows.some((r) => r.domain === 'other.example' && !r.changed)).toBe(true);
    expect(await version()).toBe(before);
  });

  it('gives a message the retention of its classification, else the accept window', async () => {
    const res = await putPolicy({
      retentionDays: { registered: 3 },
      pickup: { acceptWindowDays: 5 },
    });
    expect(res.status).toBe(200);
    const days = (m: { createdAt: string; expiresAt: string }) =>
      (Date.parse(m.expiresAt) - Date.parse(m.createdAt)) / 86_400_000;
    const registered = await z.submit({ recipients: [{ address: 'r@zorg.example' }] });
    const confidential = await z.submit({
      classification: 'confidential',
      recipients: [{ address: 'c@zorg.example' }],
    });
    expect(days(registered)).toBeCloseTo(3, 3);
    expect(days(confidential)).toBeCloseTo(5, 3);
    // null takes a classification back to the accept window.
    await putPolicy({ retentionDays: { registered: null }, pickup: { acceptWindowDays: 14 } });
    expect(days(await z.submit({ recipients: [{ address: 'r2@zorg.example' }] }))).toBeCloseTo(
      14,
      3,
    );
  });

  it("gives Outlook's send check the policy's internal domains, as they change", async () => {
    const settings = async () => {
      const res = await http(`${zegel.url}/api/v1/send-check/settings`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      return res.json<SendCheckSettings>();
    };
    await putPolicy({ internalDomains: ['Partner.example', 'zorg.example'] });
    expect(await settings()).toEqual({ internalDomains: ['partner.example', 'zorg.example'] });
    await putPolicy({ internalDomains: ['zorg.example'] });
    expect(await settings()).toEqual({ internalDomains: ['zorg.example'] });
  });

  it('locks a copy after the number of wrong codes the policy sets', async () => {
    await putPolicy({ pickup: { wrongCodesPerCopy: 2 } });
    const sent = await z.submit({ recipients: [{ address: 'lock@zorg.example' }] });
    await zegel.app.get(JobQueue).drain();
    const token = await z.pickupToken('lock@zorg.example');
    for (let i = 0; i < 2; i++) await z.unlock(token, 'ZZZ-ZZZ-ZZZ');
    expect((await z.status(sent.id)).recipients[0].state).toBe('locked');
    await putPolicy({ pickup: { wrongCodesPerCopy: 10 } });
  });

  it.each([
    [{ classification: 'confidential', recipients: [] }, 'recipients'],
    [{ classification: 'confidential', recipients: ['nope'] }, 'recipients.0'],
    [{ recipients: ['a@b.example'] }, 'classification'],
  ])('refuses the preflight %j', async (body, path) => {
    const res = await http(`${zegel.url}/api/v1/policy/preflight`, jsonRequest(body));
    expect(res.status).toBe(400);
    expect(res.json<{ error: { details: { path: string }[] } }>().error.details[0].path).toBe(path);
  });
});
