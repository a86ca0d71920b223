import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ErrorBody, SubmitMessageResponse } from '@zegel/shared';
import { http, jsonRequest, type HttpResponse } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

const valid = {
  classification: 'registered',
  subject: 'Test',
  recipients: [{ address: 'a@example.nl' }],
  text: 'hello',
};
const TOKEN = 'A'.repeat(22);
const error = (res: HttpResponse) => res.json<ErrorBody>().error;

/** A stable 4xx error body that carries the same correlation id as the response header. */
function expectClientError(res: HttpResponse, status: number, code: string): void {
  expect({ status: res.status, code: error(res).code }).toEqual({ status, code });
  const id = error(res).correlationId;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers['x-correlation-id']).toBe(id);
}

/**
 * Starts a request that declares `length` bytes and sends only the first few, so its body stays in
 * flight until `finish` is called.
 */
function slowRequest(url: string, length: number, type = 'application/json') {
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': type, 'content-length': String(length) },
  });
  const answered = new Promise<number>((resolve) => {
    req.on('response', (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
  });
  req.write('{"a":"');
  return {
    answered,
    finish: () => {
      req.destroy();
    },
  };
}

describe('request bodies: per-route limits, no compression, in-flight budget', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel({
      // The submission JSON limit is 3 × 2000 + 512 + 16 KiB = 22,896 bytes.
      env: {
        ZEGEL_MAX_BODY_BYTES: '2000',
        ZEGEL_MAX_RECIPIENTS: '1',
        ZEGEL_MAX_INFLIGHT_BODY_BYTES: String(64 * 1024),
      },
    });
  });
  afterAll(() => zegel?.close());
  const unlock = `/api/v1/pickup/${TOKEN}/unlock`;

  it('refuses a gzip body on the public unlock route with 415, without inflating it', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ceId: 'x'.repeat(5_000_000) })));
    const res = await http(`${zegel.url}${unlock}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expectClientError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', Buffer.from([0x78, 0x9c, 1, 2, 3])],
    ['br', Buffer.from([0xff, 0xff, 0xff])],
    ['x-unknown', Buffer.from('{}')],
    ['gzip, identity', gzipSync('{}')],
  ])('answers a %s body on the messages route with 415', async (encoding, body) => {
    const res = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expectClientError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('limits the unlock body to what a CE-ID needs', async () => {
    const res = await http(`${zegel.url}${unlock}`, jsonRequest({ ceId: 'x'.repeat(2000) }));
    expectClientError(res, 413, 'PAYLOAD_TOO_LARGE');
    // A real unlock body still gets through to the (uniform) pickup answer.
    const ok = await http(`${zegel.url}${unlock}`, jsonRequest({ ceId: 'ABC-DEF-GHJ' }));
    expect(ok.status).toBe(401);
  });

  it('refuses oversized JSON streamed without a length with 413, not 500', async () => {
    const res = await new Promise<{ status: number; body: string; id: unknown }>(
      (resolve, reject) => {
        const req = request(`${zegel.url}/api/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () =>
            resolve({ status: r.statusCode ?? 0, body, id: r.headers['x-correlation-id'] }),
          );
        });
        req.on('error', reject);
        req.write(`{"text":"${'x'.repeat(30_000)}`);
        req.end('"}');
      },
    );
    expect(res.status).toBe(413);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.correlationId).toBe(res.id);
  });

  it('answers a declared length over the route limit before reading the body', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(`${zegel.url}/api/v1/admin/policy`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'content-length': String(10 ** 9) },
      });
      req.on('response', (r) => {
        resolve(r.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{');
    });
    expect(res).toBe(413);
  });

  it.each([
    ['{"classification": ', 'application/json'],
    ['{"a":1}garbage', 'application/json'],
    ['"just a string"', 'application/json'],
    ['{"a":1}', 'application/json; charset=koi8-r'],
  ])('answers the malformed body %p (%s) with a stable 4xx', async (body, type) => {
    const res = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect([400, 415]).toContain(res.status);
    expect(error(res).code).toMatch(/^(VALIDATION_FAILED|UNSUPPORTED_MEDIA_TYPE)$/);
    expect(error(res).correlationId).toBeTruthy();
  });

  it('keeps the caller’s well-formed correlation id on a refused body', async () => {
    const res = await http(`${zegel.url}${unlock}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-correlation-id': 'body-refused-0001',
      },
      body: gzipSync('{}'),
    });
    expect(error(res).correlationId).toBe('body-refused-0001');
  });

  it('refuses a body the in-flight budget cannot hold with 503, and recovers', async () => {
    // Two submissions at their limit hold 2 × 22,896 bytes; a third does not fit in 64 KiB.
    const a = slowRequest(`${zegel.url}/api/v1/messages`, 22_000);
    const b = slowRequest(`${zegel.url}/api/v1/messages`, 22_000);
    await new Promise((r) => setTimeout(r, 200));
    const refused = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...valid, text: 'x'.repeat(1990) }).padEnd(22_000, ' '),
    });
    expectClientError(refused, 503, 'SERVICE_UNAVAILABLE');
    expect(refused.headers['retry-after']).toBe('1');
    a.finish();
    b.finish();
    await Promise.all([a.answered, b.answered]);
    await new Promise((r) => setTimeout(r, 100));
    const accepted = await http(`${zegel.url}/api/v1/messages`, jsonRequest(valid));
    expect(accepted.status).toBe(201);
  });

  it('still admits small bodies while large ones are in flight', async () => {
    const a = slowRequest(`${zegel.url}/api/v1/messages`, 22_000);
    const b = slowRequest(`${zegel.url}/api/v1/messages`, 22_000);
    await new Promise((r) => setTimeout(r, 200));
    const res = await http(`${zegel.url}${unlock}`, jsonRequest({ ceId: 'ABC-DEF-GHJ' }));
    expect(res.status).toBe(401);
    a.finish();
    b.finish();
    await Promise.all([a.answered, b.answered]);
  });
});

describe('multipart attachment names', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel();
  });
  afterAll(() => zegel?.close());

  const submit = (...dispositions: string[]) =>
    http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body:
        `--b\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(valid)}\r\n` +
        dispositions
          .map(
            (d, i) =>
              `--b\r\nContent-Disposition: ${d}\r\nContent-Type: application/pdf\r\n\r\nfile ${i}\r\n`,
          )
          .join('') +
        '--b--\r\n',
    });

  it('keeps RFC 5987, RFC 2231 and RFC 2047 names', async () => {
    const res = await submit(
      `form-data; name="attachments"; filename*=UTF-8''Report%20(final).pdf`,
      `form-data; name="attachments"; filename*0*=UTF-8''Uitslag%20; filename*1*=%E2%82%AC%201.pdf`,
      `form-data; name="attachments"; filename="=?UTF-8?B?UmFwcG9ydCDigqwucGRm?="`,
      `form-data; name="attachments"; filename="plain.pdf"`,
    );
    expect(res.status).toBe(201);
    expect(res.json<SubmitMessageResponse>().attachments.map((a) => a.name)).toEqual([
      'Report (final).pdf',
      'Uitslag € 1.pdf',
      'Rapport €.pdf',
      'plain.pdf',
    ]);
  });

  it.each([
    [`form-data; name="attachments"; filename*=UTF-8''%E2%82.pdf`, /Part 2.*not valid UTF-8/],
    [`form-data; name="attachments"; filename*=KOI8-R''x.pdf`, /Part 2.*charset/],
    [`form-data; name="attachments"; filename="unterminated`, /Part 2.*unterminated/],
    [`attachment; name="attachments"; filename="x.pdf"`, /Part 2.*form-data/],
  ])('refuses a part it cannot read (%s) with a clear 400', async (disposition, message) => {
    const res = await submit(disposition);
    expect(res.status).toBe(400);
    expect(error(res).code).toBe('VALIDATION_FAILED');
    expect(error(res).message).toMatch(message);
  });

  it('refuses a part without Content-Disposition instead of dropping it', async () => {
    const res = await http(`${zegel.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body:
        `--b\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(valid)}\r\n` +
        `--b\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n`,
    });
    expect(res.status).toBe(400);
    expect(error(res).message).toMatch(/Part 2 has no Content-Disposition/);
  });

  it('strips bidi controls from names that come in over the API', async () => {
    const res = await submit(
      `form-data; name="attachments"; filename*=UTF-8''invoice%E2%80%AEfdp.exe`,
    );
    expect(res.status).toBe(201);
    expect(res.json<SubmitMessageResponse>().attachments[0].name).toBe('invoicefdp.exe');
  });
});

describe('Content Security Policy per page family', () => {
  let zegel: RunningZegel;
  beforeAll(async () => {
    zegel = await startZegel();
  });
  afterAll(() => zegel?.close());
  const csp = async (path: string) =>
    String((await http(`${zegel.url}${path}`)).headers['content-security-policy']);

  it('gives the pickup page no Office frame ancestors and no Office.js', async () => {
    const policy = await csp(`/p/${TOKEN}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/office\.com|outlook\.com|appsforoffice/);
    // https: images only for the message frame's remote images, which the frame's own policy
    // narrows to the exact addresses the reader chose to load; no other page allows them.
    expect(policy).toContain("img-src 'self' data: https:;");
    expect(await csp('/admin')).toContain("img-src 'self' data:;");
  });

  it('gives the admin pages and the API their own policy without Office hosts', async () => {
    for (const path of ['/admin', '/admin/outbox', '/api/v1/messages', '/api/docs']) {
      const policy = await csp(path);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/office\.com|appsforoffice/);
    }
  });

  it('lets Outlook frame the task pane and load Office.js there', async () => {
    for (const path of ['/taskpane.html', '/commands.html']) {
      const policy = await csp(path);
      expect(policy).toContain('https://*.office.com');
      expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    }
  });
});
