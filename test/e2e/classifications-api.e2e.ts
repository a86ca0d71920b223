import type { ClassificationInfo, ClassificationView } from '@zegel/shared';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

/** Admin-defined classifications in the database, read by the task pane and the router. */
describe('classifications API', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel();
  });
  afterAll(async () => {
    await zegel?.close();
  });
  const admin = () => `${zegel.url}/api/v1/admin/classifications`;
  const labResults = {
    id: 'lab-results',
    label: { en: 'Lab results', nl: 'Labuitslagen' },
    description: { en: 'Results for patients.', nl: 'Uitslagen voor patiënten.' },
    colour: 'preset3',
    purviewLabelId: 'F42AA342-8706-4288-BD11-EBB85995028C',
    routeAs: 'registered',
  };

  it('starts with the built-in four, adds one, and the task pane and preflight see it', async () => {
    const start = (await http(`${zegel.url}/api/v1/classifications`)).json<ClassificationInfo[]>();
    expect(start.map((c) => c.id)).toEqual(['public', 'internal', 'confidential', 'registered']);

    const created = await http(admin(), jsonRequest(labResults));
    expect(created.status).toBe(201);
    expect(created.json<ClassificationView>()).toMatchObject({
      id: 'lab-results',
      protected: true,
      builtIn: false,
      version: 1,
      purviewLabelId: 'f42aa342-8706-4288-bd11-ebb85995028c',
    });
    const pane = (await http(`${zegel.url}/api/v1/classifications`)).json<ClassificationInfo[]>();
    expect(pane.at(-1)).toMatchObject({ id: 'lab-results', label: labResults.label });

    const preflight = await http(
      `${zegel.url}/api/v1/policy/preflight`,
      jsonRequest({ classification: 'lab-results', recipients: ['p@example.nl'] }),
    );
    expect(preflight.json()).toMatchObject({
      recipients: [{ route: 'pickup', reasons: [{ code: 'REGISTERED_ALWAYS_PICKUP' }] }],
    });
    // A mail-flow rule may now name it.
    const rule = await http(
      `${zegel.url}/api/v1/admin/mail-flow-rules`,
      jsonRequest({
        name: 'Lab',
        conditions: { subjectKeywords: ['lab'] },
        classification: 'lab-results',
      }),
    );
    expect(rule.status).toBe(201);
  });

  it('field errors with paths; a duplicate id; nothing stored', async () => {
    const bad = await http(
      admin(),
      jsonRequest({ ...labResults, id: 'Bad Id', colour: 'pink', label: { en: '', nl: 'x' } }),
    );
    expect(bad.status).toBe(400);
    const paths = bad
      .json<{ error: { code: string; details: { path: string }[] } }>()
      .error.details.map((d) => d.path)
      .sort();
    expect(paths).toEqual(['colour', 'id', 'label.en']);
    const duplicate = await http(admin(), jsonRequest(labResults));
    expect(duplicate.status).toBe(400);
    expect(duplicate.json<{ error: { details: { path: string }[] } }>().error.details[0].path).toBe(
      'id',
    );
  });

  it('changes need the version: the second of two saves is 409; built-ins keep their route', async () => {
    const list = (await http(admin())).json<ClassificationView[]>();
    const confidential = list.find((c) => c.id === 'confidential')!;
    const put = (body: object, version: number) =>
      http(`${admin()}/${body['id' as keyof typeof body]}`, {
        ...jsonRequest(body),
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
      });
    const change = {
      id: 'confidential',
      label: { en: 'Confidential', nl: 'Vertrouwelijk' },
      description: confidential.description,
      colour: 'preset2',
      purviewLabelId: null,
      routeAs: 'public',
    };
    const first = await put(change, confidential.version);
    const second = await put({ ...change, colour: 'preset5' }, confidential.version);
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(first.json<ClassificationView>()).toMatchObject({
      colour: 'preset2',
      routeAs: 'confidential',
      version: confidential.version + 1,
    });
    expect(
      (await http(`${admin()}/registered`, { method: 'DELETE', headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(400);
    const events = (await http(`${zegel.url}/api/v1/events?limit=1000`))
      .json<{ events: { type: string; details: { action: string } }[] }>()
      .events.filter((e) => e.type === 'ConfigurationChange')
      .map((e) => e.details.action);
    expect(events).toEqual(
      expect.arrayContaining(['classification.create', 'classification.update']),
    );
  });
});
