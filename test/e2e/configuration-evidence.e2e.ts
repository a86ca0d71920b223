import type { EventsPage, EvidenceEventView } from '@zegel/shared';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

/** Admin changes of the routing policy and the mail-flow rules are evidence, with before and after. */
jest.setTimeout(30_000);

describe('configuration changes are evidence', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel();
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const changes = async (action: string): Promise<EvidenceEventView[]> => {
    const page = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    return page.events.filter(
      (e) => e.type === 'ConfigurationChange' && e.details?.action === action,
    );
  };

  it('records a change of the organisation policy with its before and after', async () => {
    const res = await http(`${zegel.url}/api/v1/admin/policy`, {
      ...jsonRequest({ forcePickupDomains: ['zorg.example'] }, { headers: { 'If-Match': '"1"' } }),
      method: 'PUT',
    });
    expect(res.status).toBe(200);
    const [event] = await changes('org-policy.update');
    expect(event).toMatchObject({
      actor: expect.stringMatching(/^admin:.+@/),
      details: {
        target: 'org-policy',
        before: expect.objectContaining({ forcePickupDomains: [] }),
        after: expect.objectContaining({ forcePickupDomains: ['zorg.example'] }),
      },
    });
  });

  it('records creating, changing and deleting a mail-flow rule', async () => {
    const rule = {
      name: 'Uitslagen',
      enabled: true,
      conditions: { subjectKeywords: ['uitslag'] },
      classification: 'registered',
    };
    const made = await http(`${zegel.url}/api/v1/admin/mail-flow-rules`, jsonRequest(rule));
    expect(made.status).toBe(201);
    const { id, version } = made.json<{ id: string; version: number }>();
    const put = await http(`${zegel.url}/api/v1/admin/mail-flow-rules/${id}`, {
      ...jsonRequest(
        { ...rule, classification: 'confidential' },
        { headers: { 'If-Match': `"${version}"` } },
      ),
      method: 'PUT',
    });
    expect(put.status).toBe(200);
    const del = await http(`${zegel.url}/api/v1/admin/mail-flow-rules/${id}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    const missing = await http(`${zegel.url}/api/v1/admin/mail-flow-rules/${id}`, {
      method: 'DELETE',
    });
    expect(missing.status).toBe(404);

    const target = `mail-flow-rule/${id}`;
    expect((await changes('mail-flow-rule.create'))[0]?.details).toMatchObject({
      target,
      before: null,
      after: { name: 'Uitslagen', classification: 'registered' },
    });
    expect((await changes('mail-flow-rule.update'))[0]?.details).toMatchObject({
      target,
      before: { classification: 'registered' },
      after: { classification: 'confidential' },
    });
    const deleted = await changes('mail-flow-rule.delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0].details).toMatchObject({ target, after: null });
  });
});
