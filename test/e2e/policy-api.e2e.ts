import type { OrgPolicyView, PreflightResponse } from '@zegel/shared';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

/**
 * The organisation's policy through the admin API and the preflight the add-in asks, on the
 * embedded default (outbound mail captured, so nothing goes direct).
 */
describe('routing policy and preflight', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel();
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
  const putPolicy = (body: unknown) =>
    http(`${zegel.url}/api/v1/admin/policy`, { ...jsonRequest(body), method: 'PUT' });

  it('starts from the defaults', async () => {
    const res = await http(`${zegel.url}/api/v1/admin/policy`);
    expect(res.status).toBe(200);
    expect(res.json<OrgPolicyView>()).toEqual({
      directDelivery: true,
      daneOnly: false,
      requireNta7516Record: false,
      forcePickupDomains: [],
      holdDomains: [],
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
    const res = await putPolicy({ holdDomains: ['*.Blocked.example'], daneOnly: true });
    expect(res.status).toBe(200);
    const view = res.json<OrgPolicyView>();
    expect(view).toMatchObject({
      holdDomains: ['blocked.example'],
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
    [{ lenient: true }, '(policy)'],
    [{ holdDomains: ['not a domain'] }, 'holdDomains'],
    [{ directDelivery: 'no' }, 'directDelivery'],
  ])('refuses the policy %j with the field named', async (body, path) => {
    const res = await putPolicy(body);
    expect(res.status).toBe(400);
    expect(res.json<{ error: { details: { path: string }[] } }>().error.details[0].path).toBe(path);
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
