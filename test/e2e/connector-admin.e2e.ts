import { runExchangeCommand } from '../../server/src/cli/exchange.command';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

interface RuleView {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  classification: string;
  version: number;
}

/** The admin API of the mail-flow rules and the Exchange PowerShell, against the started server. */
describe('mail-flow rules and Exchange script API', () => {
  let zegel: RunningZegel;
  const rules = () => `${zegel.url}/api/v1/admin/mail-flow-rules`;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_PUBLIC_URL: 'https://zegel.zorg.example' } });
  });
  afterAll(async () => {
    await zegel?.close();
  });

  it('creates rules in order, replaces, lists, previews and deletes them', async () => {
    const a = await http(
      rules(),
      jsonRequest({
        name: 'Purview',
        conditions: { msipLabelIds: ['f42aa342-8706-4288-bd11-ebb85995028c'] },
        classification: 'registered',
      }),
    );
    const b = await http(
      rules(),
      jsonRequest({
        name: 'BSN',
        conditions: { bodyKeywords: ['BSN'] },
        classification: 'confidential',
      }),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ra, rb] = [a.json<RuleView>(), b.json<RuleView>()];
    expect(rb.position).toBeGreaterThan(ra.position);

    const replaced = await http(`${rules()}/${rb.id}`, {
      ...jsonRequest({
        name: 'BSN first',
        position: 1,
        conditions: { bodyKeywords: ['BSN'] },
        classification: 'confidential',
      }),
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': `"${rb.version}"` },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json<RuleView>().version).toBe(rb.version + 1);
    const list = (await http(rules())).json<RuleView[]>();
    expect(list.map((r) => r.name)).toEqual(['BSN first', 'Purview']);

    const preview = await http(
      `${rules()}/preview`,
      jsonRequest({
        sender: 'jan@zorg.example',
        recipients: ['p@example.nl'],
        body: 'geen nummer',
        headers: { msip_labels: 'MSIP_Label_f42aa342-8706-4288-bd11-ebb85995028c_Enabled=true' },
      }),
    );
    expect(preview.status).toBe(200);
    expect(preview.json()).toEqual({
      classification: 'registered',
      ruleId: ra.id,
      trace: [
        { id: rb.id, name: 'BSN first', matched: false, failed: ['bodyKeywords'] },
        { id: ra.id, name: 'Purview', matched: true, failed: [] },
      ],
    });

    const script = await http(`${zegel.url}/api/v1/admin/exchange/script`);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/plain/);
    expect(script.text()).toContain("$ZegelHost = 'zegel.zorg.example'");
    expect(script.text().indexOf("'Zegel rule: BSN first'")).toBeLessThan(
      script.text().indexOf("'Zegel rule: Purview'"),
    );
    const onprem = await http(
      `${zegel.url}/api/v1/admin/exchange/script?target=onprem&host=mx.zorg.example`,
    );
    expect(onprem.text()).toContain('New-SendConnector');
    expect(onprem.text()).toContain("$ZegelHost = 'mx.zorg.example'");

    expect((await http(`${rules()}/${ra.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await http(`${rules()}/${ra.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await http(rules())).json<RuleView[]>().map((r) => r.id)).toEqual([rb.id]);
  });

  it('refuses the second of two saves from the same version (409), and a save without one', async () => {
    const created = await http(
      rules(),
      jsonRequest({
        name: 'Shared',
        conditions: { subjectKeywords: ['a'] },
        classification: 'registered',
      }),
    );
    const rule = created.json<RuleView>();
    const save = (name: string, ifMatch?: string) =>
      http(`${rules()}/${rule.id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
        },
        body: JSON.stringify({
          name,
          conditions: { subjectKeywords: ['a'] },
          classification: 'registered',
        }),
      });
    const first = await save('First admin', `"${rule.version}"`);
    const second = await save('Second admin', `"${rule.version}"`);
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('CONFLICT');
    const missing = await save('No version');
    expect(missing.status).toBe(400);
    expect(missing.json<{ error: { details: { path: string }[] } }>().error.details[0].path).toBe(
      'If-Match',
    );
    expect((await save('Bad version', 'abc')).status).toBe(400);
    const stored = (await http(rules())).json<RuleView[]>().find((r) => r.id === rule.id);
    expect(stored).toMatchObject({ name: 'First admin', version: rule.version + 1 });
    // A delete from the old version is refused too.
    const staleDelete = await http(`${rules()}/${rule.id}`, {
      method: 'DELETE',
      headers: { 'if-match': `"${rule.version}"` },
    });
    expect(staleDelete.status).toBe(409);
    expect(
      (
        await http(`${rules()}/${rule.id}`, {
          method: 'DELETE',
          headers: { 'if-match': `"${rule.version + 1}"` },
        })
      ).status,
    ).toBe(204);
  });

  it('reorders all rules at once, refuses a stale order, and logs every change with before and after', async () => {
    const list = (await http(rules())).json<RuleView[]>();
    expect(list.length).toBeGreaterThan(0);
    const extra = (
      await http(
        rules(),
        jsonRequest({
          name: 'Last',
          conditions: { hasAttachment: true },
          classification: 'registered',
        }),
      )
    ).json<RuleView>();
    const all = [...list, extra];
    const reversed = [...all].reverse().map((r) => ({ id: r.id, version: r.version }));
    const done = await http(`${rules()}/reorder`, jsonRequest({ order: reversed }));
    expect(done.status).toBe(200);
    expect(done.json<RuleView[]>().map((r) => r.id)).toEqual(reversed.map((r) => r.id));
    const again = await http(`${rules()}/reorder`, jsonRequest({ order: reversed }));
    expect(again.status).toBe(409);
    const partial = await http(`${rules()}/reorder`, jsonRequest({ order: reversed.slice(1) }));
    expect(partial.status).toBe(409);

    const events = (await http(`${zegel.url}/api/v1/events?limit=1000`))
      .json<{
        events: {
          type: string;
          actor: string;
          details: { action: string; before: unknown; after: unknown };
        }[];
      }>()
      .events.filter((e) => e.type === 'ConfigurationChange');
    const actions = events.map((e) => e.details.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'mail-flow-rule.create',
        'mail-flow-rule.update',
        'mail-flow-rule.delete',
        'mail-flow-rule.reorder',
      ]),
    );
    const update = events.find((e) => e.details.action === 'mail-flow-rule.update')!;
    expect(update.actor).toBe('admin:developer@zegel.test');
    expect(update.details.before).toMatchObject({ name: 'BSN' });
    expect(update.details.after).toMatchObject({ name: 'BSN first' });
  });

  it('lists every problem of a bad rule with its path, and stores nothing', async () => {
    const before = (await http(rules())).json<RuleView[]>().length;
    const res = await http(
      rules(),
      jsonRequest({ name: '', conditions: { senderDomains: ['x y'] }, classification: 'secret' }),
    );
    expect(res.status).toBe(400);
    const body = res.json<{ error: { code: string; details: { path: string }[] } }>();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      'classification',
      'conditions.senderDomains.0',
      'name',
    ]);
    expect((await http(rules())).json<RuleView[]>()).toHaveLength(before);
  });

  it('zegel exchange script --from-database reads the rules of the running server, read-only', async () => {
    await http(
      rules(),
      jsonRequest({
        name: 'From the CLI',
        conditions: { senderDomains: ['zorg.example'] },
        classification: 'registered',
      }),
    );
    const db = zegel.config.database;
    const env: Record<string, string> = {
      ZEGEL_DATA_DIR: zegel.dataDir,
      ZEGEL_KEY_DIR: zegel.keyDir,
      ...(db.type === 'postgres' ? { ZEGEL_DATABASE_URL: db.url } : {}),
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    let out = '';
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((s) => ((out += String(s)), true));
    try {
      Object.assign(process.env, env);
      expect(
        await runExchangeCommand(['script', '--host', 'zegel.zorg.example', '--from-database']),
      ).toBe(0);
    } finally {
      write.mockRestore();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(out).toContain("-Name 'Zegel rule: From the CLI'");
    expect(out).toContain("-SenderDomainIs 'zorg.example'");
  });

  it('refuses a bad target or host for the script', async () => {
    expect((await http(`${zegel.url}/api/v1/admin/exchange/script?target=cloud`)).status).toBe(400);
    expect((await http(`${zegel.url}/api/v1/admin/exchange/script?host=a%27b`)).status).toBe(400);
  });
});
