import type { SubmitMessageResponse } from '@zegel/shared';
import { JobQueue } from '../../server/src/queue/job-queue';
import { cookieFrom, http, jsonRequest, type HttpOptions } from '../support/http';
import { seededRandom as prng } from '../support/seeded-random';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(120_000);

interface Seed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const json = (method: string, path: string, body: unknown): Seed => ({
  method,
  path,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const get = (path: string, headers: Record<string, string> = {}): Seed => ({
  method: 'GET',
  path,
  headers,
});

const message = {
  classification: 'registered',
  subject: 'Fuzz',
  recipients: [{ address: 'fuzz@example.nl', phone: '+31612345678' }],
  html: '<p>hi</p>',
  text: 'hi',
};

const STRANGE = [
  '',
  '%',
  '%00',
  '%ZZ',
  '..',
  '%2e%2e%2f',
  'x'.repeat(3000),
  '\u202e',
  '😀',
  '-1',
  '1e309',
  'null',
  '[]',
];
const TYPES = [
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'multipart/form-data; boundary=b',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/merge-patch+json',
  '',
];
const VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5000),
  [],
  {},
  [[[[[[[[]]]]]]]],
  { __proto__: { a: 1 } },
  { constructor: { prototype: {} } },
  true,
  '\u0000',
];

function mutateJson(value: unknown, rnd: () => number): unknown {
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = Array.isArray(value)
      ? ({ ...value } as Record<string, unknown>)
      : { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const pick = keys[Math.floor(rnd() * keys.length)];
    const r = rnd();
    if (pick === undefined || r < 0.2)
      copy[`k${Math.floor(rnd() * 10)}`] = VALUES[Math.floor(rnd() * VALUES.length)];
    else if (r < 0.6) copy[pick] = mutateJson(copy[pick], rnd);
    else if (r < 0.8) delete copy[pick];
    else copy[pick] = VALUES[Math.floor(rnd() * VALUES.length)];
    return Array.isArray(value) ? Object.values(copy) : copy;
  }
  return VALUES[Math.floor(rnd() * VALUES.length)];
}

function mutateBytes(body: string, rnd: () => number): Buffer {
  const bytes = Buffer.from(body);
  const out = [...bytes];
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n && out.length; i++) {
    const at = Math.floor(rnd() * out.length);
    const r = rnd();
    if (r < 0.4) out[at] = Math.floor(rnd() * 256);
    else if (r < 0.6) out.splice(at, 1);
    else if (r < 0.8) out.splice(at, 0, Math.floor(rnd() * 256));
    else out.length = at;
  }
  return Buffer.from(out);
}

function mutate(seed: Seed, rnd: () => number): HttpOptions & { path: string } {
  let path = seed.path;
  const headers = { ...seed.headers };
  let body: Buffer | string | undefined = seed.body;
  let method = seed.method;
  const kinds = 1 + Math.floor(rnd() * 2);
  for (let k = 0; k < kinds; k++) {
    const r = rnd();
    if (r < 0.3 && body !== undefined && headers['content-type'] === 'application/json') {
      try {
        body = JSON.stringify(mutateJson(JSON.parse(String(body)), rnd));
      } catch {
        body = mutateBytes(String(body), rnd);
      }
    } else if (r < 0.5 && body !== undefined) {
      body = mutateBytes(String(body), rnd);
    } else if (r < 0.6) {
      headers['content-type'] = TYPES[Math.floor(rnd() * TYPES.length)];
      if (body === undefined) body = '{"a":1}';
    } else if (r < 0.67) {
      headers['content-encoding'] = ['gzip', 'deflate', 'br', 'zstd', 'identity'][
        Math.floor(rnd() * 5)
      ];
      body ??= '{}';
    } else if (r < 0.85) {
      const segments = path.split('/');
      const at = 1 + Math.floor(rnd() * (segments.length - 1));
      segments[at] = STRANGE[Math.floor(rnd() * STRANGE.length)];
      path = segments.join('/');
    } else if (r < 0.92) {
      method = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'][Math.floor(rnd() * 7)];
    } else {
      const printable = STRANGE.filter((v) => /^[\x20-\x7e]*$/.test(v));
      headers['x-correlation-id'] = printable[Math.floor(rnd() * printable.length)];
      headers['accept'] = printable[Math.floor(rnd() * printable.length)];
    }
  }
  // Node's client refuses non-ASCII path characters; send them as the raw bytes would be escaped.
  return { path: encodeURI(decodeSafe(path)), method, headers, body };
}

const decodeSafe = (p: string) => {
  try {
    return decodeURI(p);
  } catch {
    return p.replace(/%/g, '%25');
  }
};

/**
 * Random mutations of valid requests to every public and authenticated route (development mode):
 * bodies, types, encodings, paths, methods and headers. Whatever the mutation, the answer is never
 * a 5xx. Bounded: a fixed number of requests from a fixed seed (ZEGEL_TEST_FUZZ_SEED to vary it).
 */
describe('fuzzing the HTTP API', () => {
  let zegel: RunningZegel;
  let seeds: Seed[];
  beforeAll(async () => {
    zegel = await startZegel({
      env: {
        ZEGEL_ROUTE_CHECK_TIMEOUT_MS: '0',
        ZEGEL_DNS_RESOLVER: '127.0.0.1:9',
        ZEGEL_PICKUP_IP_FAILURES: '100',
        ZEGEL_PICKUP_MESSAGE_FAILURES: '1000',
      },
    });
    const submitted = await http(`${zegel.url}/api/v1/messages`, jsonRequest(message));
    expect(submitted.status).toBe(201);
    const sent = submitted.json<SubmitMessageResponse>();
    await zegel.app.get(JobQueue).drain();
    const outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<{ id: string }[]>();
    const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${outbox[0].id}`)).text();
    const token = /\/p\/([A-Za-z0-9_-]{22})/.exec(raw)![1];
    const ceId = sent.recipients[0].ceId ?? '';
    const unlock = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId: ceId || 'ABC-DEF-GHJ' }),
    );
    const cookie = unlock.status === 200 ? cookieFrom(unlock) : '';
    const rule = {
      name: 'fuzz',
      conditions: { subjectKeywords: ['fuzz'] },
      classification: 'confidential',
    };
    const created = await http(`${zegel.url}/api/v1/admin/mail-flow-rules`, jsonRequest(rule));
    const ruleId = created.json<{ id: string }>().id;
    const p = `/api/v1/pickup/${token}`;
    seeds = [
      get('/health'),
      json('POST', `${p}/unlock`, { ceId: 'ABC-DEF-GHJ' }),
      get(`${p}/message`, { cookie }),
      get(`${p}/attachments/0`, { cookie }),
      get(`${p}/message.eml`, { cookie }),
      json('POST', `${p}/accept`, {}),
      json('POST', `${p}/decline`, {}),
      { method: 'POST', path: `${p}/lost-code`, headers: {} },
      json('POST', `/api/v1/messages/${sent.id}/recipients/fuzz%40example.nl/new-code`, {
        reason: 'lost',
      }),
      json('POST', `/api/v1/admin/messages/${sent.id}/recipients/fuzz%40example.nl/unlock`, {
        reason: 'checked by phone',
      }),
      json('PUT', '/api/v1/admin/recipient-phones/fuzz%40example.nl', { phone: '+31612345678' }),
      json('POST', '/api/v1/m365/intake', {
        itemId: 'AAMk',
        classification: 'registered',
        recipients: [{ address: 'fuzz@example.nl' }],
        attachments: [],
      }),
      json('POST', '/api/v1/sms/status/not-configured', { messages: { msg: { reference: 'x' } } }),
      json('POST', '/api/v1/messages', message),
      {
        method: 'POST',
        path: '/api/v1/messages',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
        body:
          `--b\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(message)}\r\n` +
          `--b\r\nContent-Disposition: form-data; name="attachments"; filename*=UTF-8''a%20(1).pdf\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n`,
      },
      get('/api/v1/messages?limit=5'),
      get(`/api/v1/messages/${sent.id}`),
      json('POST', `/api/v1/messages/${sent.id}/revoke`, {}),
      get('/api/v1/me'),
      get('/api/v1/classifications'),
      get('/api/v1/admin/outbox'),
      get(`/api/v1/admin/outbox/${outbox[0].id}`),
      get('/api/v1/admin/sms-outbox'),
      get('/api/v1/admin/exchange/script'),
      get('/api/v1/admin/policy'),
      {
        ...json('PUT', '/api/v1/admin/policy', {
          forcePickupDomains: ['zorg.nl'],
          daneOnly: false,
          pickup: { acceptWindowDays: 14 },
          retentionDays: { registered: 30 },
        }),
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
      },
      json('POST', '/api/v1/admin/policy/preflight', {
        internalDomains: ['zorg.nl'],
        pickup: { wrongCodesPerCopy: 5 },
      }),
      json('POST', '/api/v1/policy/preflight', {
        classification: 'confidential',
        recipients: ['a@example.nl'],
      }),
      get('/api/v1/admin/mail-flow-rules'),
      json('POST', '/api/v1/admin/mail-flow-rules', rule),
      json('PUT', `/api/v1/admin/mail-flow-rules/${ruleId}`, rule),
      { method: 'DELETE', path: `/api/v1/admin/mail-flow-rules/${ruleId}`, headers: {} },
      json('POST', '/api/v1/admin/mail-flow-rules/preview', {
        sender: 'a@example.nl',
        recipients: ['b@example.nl'],
        subject: 'fuzz',
        body: 'x',
      }),
      get('/api/v1/events?after=0'),
      get('/api/v1/branding'),
      get('/api/v1/branding/logo'),
      get('/api/v1/admin/branding'),
      json('PUT', '/api/v1/admin/branding', {
        version: 1,
        organisationName: 'Fuzz',
        primaryColour: '#0f6cbd',
        supportPhone: '+31 20 123 4567',
        supportUrl: 'https://fuzz.example/help',
        texts: {
          notification: { nl: 'a', en: 'b' },
          ceId: { nl: '', en: '' },
          receipt: { nl: '', en: '' },
        },
        logo: { contentType: 'image/svg+xml', data: Buffer.from('<svg/>').toString('base64') },
      }),
      get(
        '/api/v1/admin/messages?sender=developer%40zegel.test&state=notified&from=2026-01-01&limit=5',
      ),
      get('/api/v1/evidence/public-key'),
    ];
  });
  afterAll(() => zegel?.close());

  it('never answers a mutated request with a 5xx', async () => {
    const seed = Number(process.env.ZEGEL_TEST_FUZZ_SEED ?? 7516);
    const rnd = prng(seed);
    const failures: string[] = [];
    const ROUNDS = 12;
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of seeds) {
        const m = mutate(s, rnd);
        let status: number;
        try {
          status = (await http(`${zegel.url}${m.path}`, m)).status;
        } catch (error) {
          // The server may close the connection on a broken body; it must not crash.
          status = 0;
          if (!/ECONNRESET|socket hang up|EPIPE/.test(String(error))) throw error;
        }
        // Graph intake is not set up in development mode: its documented answer is 503.
        const notSetUp = status === 503 && m.path === '/api/v1/m365/intake';
        if (status >= 500 && !notSetUp)
          failures.push(
            `${status} ${m.method} ${m.path} ${JSON.stringify(m.headers)} ${String(m.body).slice(0, 200)}`,
          );
      }
    }
    expect({ seed, failures }).toEqual({ seed, failures: [] });
    // The server is still healthy afterwards.
    expect((await http(`${zegel.url}/health`)).status).toBe(200);
  });
});
