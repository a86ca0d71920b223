import { runExchangeCommand } from '../../server/src/cli/exchange.command';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

interface RuleView {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  classification: string;
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
    });
    expect(replaced.status).toBe(200);
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
