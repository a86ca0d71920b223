import type { Branding, BrandingSettingsView, ErrorBody } from '@zegel/shared';
import { simpleParser } from 'mailparser';
import { submitMessage, waitForMail } from '../support/browser-fixtures';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** The branding through the admin API: stored, versioned, validated, evidence, used in mail. */
describe('branding API', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_ORG_NAME: 'Gemeente Voorbeeld' } });
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const read = async () =>
    (await http(`${zegel.url}/api/v1/admin/branding`)).json<BrandingSettingsView>();
  const save = (body: unknown) =>
    http(`${zegel.url}/api/v1/admin/branding`, { ...jsonRequest(body), method: 'PUT' });
  const edit = (view: BrandingSettingsView, change: Record<string, unknown>) => ({
    version: view.version,
    organisationName: view.organisationName,
    primaryColour: view.primaryColour,
    supportPhone: view.supportPhone,
    supportUrl: view.supportUrl,
    texts: view.texts,
    ...change,
  });

  it('starts from the configuration, as version 1', async () => {
    const view = await read();
    expect(view).toMatchObject({
      organisationName: 'Gemeente Voorbeeld',
      version: 1,
      logoUrl: null,
      updatedBy: 'system',
    });
    const open = await http(`${zegel.url}/api/v1/branding`);
    expect(open.json<Branding>().organisationName).toBe('Gemeente Voorbeeld');
    expect((await http(`${zegel.url}/api/v1/branding/logo`)).status).toBe(404);
  });

  it('refuses bad input field by field, with a stable code, and keeps what was stored', async () => {
    const view = await read();
    const res = await save(
      edit(view, {
        organisationName: '',
        primaryColour: '#ffff00',
        supportPhone: 'call us',
        supportUrl: 'javascript:alert(1)',
        texts: { ...view.texts, notification: { nl: 'x'.repeat(1001), en: 'ok\u0000' } },
        logo: { contentType: 'image/png', data: Buffer.from('<svg/>').toString('base64') },
        extra: 1,
      }),
    );
    expect(res.status).toBe(400);
    const error = res.json<ErrorBody>().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details!.map((d) => d.path).sort()).toEqual(
      [
        '(branding)',
        'organisationName',
        'primaryColour',
        'supportPhone',
        'supportUrl',
        'texts.notification.en',
        'texts.notification.nl',
      ].sort(),
    );
    // A Dutch form gets its field problems in Dutch; the paths and the code stay the same.
    const dutch = await http(`${zegel.url}/api/v1/admin/branding`, {
      ...jsonRequest(edit(view, { organisationName: '', primaryColour: '#ffff00', extra: 1 })),
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.5' },
    });
    expect(dutch.json<ErrorBody>().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        { path: 'organisationName', message: 'is verplicht' },
        {
          path: 'primaryColour',
          message: 'is te licht: witte tekst erop moet een contrast van minstens 4.5:1 hebben',
        },
        { path: '(branding)', message: 'onbekend veld: "extra"' },
      ]),
    });
    const logo = await save(
      edit(view, {
        logo: { contentType: 'image/png', data: Buffer.from('<svg/>').toString('base64') },
      }),
    );
    expect(logo.status).toBe(400);
    expect(logo.json<ErrorBody>().error.details).toEqual([
      { path: 'logo', message: 'is not a png file' },
    ]);
    const huge = await save(
      edit(view, {
        logo: { contentType: 'image/png', data: Buffer.alloc(300 * 1024).toString('base64') },
      }),
    );
    expect([400, 413]).toContain(huge.status);
    expect((await read()).version).toBe(view.version);
    for (const body of ['not json', '[]', 'null'])
      expect(
        (
          await http(`${zegel.url}/api/v1/admin/branding`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).status,
      ).toBe(400);
  });

  it('saves a change with a logo, serves the logo, and refuses a stale version with 409', async () => {
    const view = await read();
    const res = await save(
      edit(view, {
        organisationName: 'Gemeente Zegelstad',
        supportUrl: 'https://zegelstad.example/hulp',
        texts: { ...view.texts, notification: { nl: 'Bel ons gerust.', en: 'Feel free to call.' } },
        logo: { contentType: 'image/png', data: PNG.toString('base64') },
      }),
    );
    expect(res.status).toBe(200);
    const saved = res.json<BrandingSettingsView>();
    expect(saved).toMatchObject({
      version: view.version + 1,
      organisationName: 'Gemeente Zegelstad',
      logoUrl: '/api/v1/branding/logo',
      updatedBy: 'admin:developer@zegel.test',
    });
    const logo = await http(`${zegel.url}/api/v1/branding/logo`);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['content-security-policy']).toContain('sandbox');
    expect(logo.body.equals(PNG)).toBe(true);

    const stale = await save(edit(view, { organisationName: 'Te laat' }));
    expect(stale.status).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('CONFLICT');
    expect((await read()).organisationName).toBe('Gemeente Zegelstad');
  });

  it('records the change as evidence with before and after', async () => {
    const res = await http(`${zegel.url}/api/v1/events?limit=1000`);
    const events = res.json<{ events: { type: string; actor: string; details?: unknown }[] }>();
    const change = events.events.find((e) => e.type === 'ConfigurationChange');
    expect(change).toMatchObject({
      actor: 'admin:developer@zegel.test',
      details: {
        action: 'branding.update',
        before: { organisationName: 'Gemeente Voorbeeld', logo: null },
        after: {
          organisationName: 'Gemeente Zegelstad',
          logo: { contentType: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        },
      },
    });
  });

  it('the next notification carries the new name and text', async () => {
    const recipient = 'branding.ontvanger@recipient.example';
    await submitMessage(zegel.url, { recipient, subject: 'Brief', text: 'x' }, []);
    const mail = await waitForMail(zegel.url, 'notification', recipient);
    const raw = await (await fetch(`${zegel.url}/api/v1/admin/outbox/${mail.id}`)).text();
    const text = (await simpleParser(raw)).text ?? '';
    expect(text).toContain('van Gemeente Zegelstad heeft u een beveiligd bericht gestuurd');
    expect(text).toContain('Bel ons gerust.');
    expect(text).toContain('Feel free to call.');
    expect(text).toContain('https://zegelstad.example/hulp');
  });
});
