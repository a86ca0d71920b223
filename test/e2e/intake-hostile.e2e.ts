import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import type { ErrorBody, MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { http, jsonRequest, multipart } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

const valid = {
  classification: 'registered',
  subject: 'Test',
  recipients: [{ address: 'a@example.nl' }],
  text: 'hello',
};

/** Blobs on disk: a refused or broken upload must leave none behind. */
const blobCount = (zegel: RunningZegel): number => {
  try {
    return readdirSync(join(zegel.dataDir, 'blobs'), { recursive: true }).filter(
      (n) => String(n).length >= 32,
    ).length;
  } catch {
    return 0;
  }
};

describe('hostile and malformed input to the messages API', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({
      env: {
        ZEGEL_MAX_ATTACHMENTS: '2',
        ZEGEL_MAX_ATTACHMENT_BYTES: '100000',
        ZEGEL_MAX_MESSAGE_BYTES: '150000',
      },
    });
  });
  afterAll(() => zegel?.close());

  const post = (options: Parameters<typeof http>[1]) =>
    http(`${zegel.url}/api/v1/messages`, options);
  const error = (res: { json<T>(): T }) => res.json<ErrorBody>().error;

  async function postForm(build: (form: FormData) => void) {
    const form = new FormData();
    build(form);
    const { headers, body } = await multipart(form);
    return post({ method: 'POST', headers, body });
  }

  it('lists every problem of an invalid message at once', async () => {
    const res = await post(
      jsonRequest({
        classification: 'registered',
        subject: 'a\r\nBcc: victim@example.nl',
        recipients: [{ address: 'x\r\n@y' }],
      }),
    );
    expect(res.status).toBe(400);
    const body = error(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.correlationId).toBeTruthy();
    expect(body.details!.map((d) => d.path).sort()).toEqual([
      'html',
      'recipients.0.address',
      'subject',
    ]);
  });

  it('refuses public mail with its own code', async () => {
    const res = await post(jsonRequest({ ...valid, classification: 'public' }));
    expect(res.status).toBe(422);
    expect(error(res).code).toBe('CLASSIFICATION_NOT_HANDLED');
  });

  it.each([
    ['{"classification": ', 'application/json'],
    ['classification=registered', 'application/x-www-form-urlencoded'],
    ['<xml/>', 'text/xml'],
  ])('answers %p (%s) with a clear error', async (body, type) => {
    const res = await post({ method: 'POST', headers: { 'content-type': type }, body });
    expect([400, 415]).toContain(res.status);
    expect(error(res).code).toMatch(/VALIDATION_FAILED|UNSUPPORTED_MEDIA_TYPE/);
  });

  it('refuses a multipart body with a broken boundary and keeps nothing', async () => {
    const before = blobCount(zegel);
    const res = await post({
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="message"\r\n\r\n{"a":1}\r\n--xyz\r\nContent-Disposition: form-data; name="attachments"; filename="a.txt"\r\n\r\nunterminated',
    });
    expect(res.status).toBe(400);
    expect(blobCount(zegel)).toBe(before);
  });

  it('refuses attachments that come before the message', async () => {
    const res = await postForm((form) => {
      form.append('attachments', new Blob(['x']), 'a.txt');
      form.append('message', JSON.stringify(valid));
    });
    expect(res.status).toBe(400);
    expect(error(res).message).toMatch(/before the attachments/);
  });

  it('refuses an oversized attachment with 413 and removes what was stored', async () => {
    const before = blobCount(zegel);
    const res = await postForm((form) => {
      form.append('message', JSON.stringify(valid));
      form.append('attachments', new Blob([Buffer.alloc(50_000, 1)]), 'small.bin');
      form.append('attachments', new Blob([Buffer.alloc(100_001, 2)]), 'big.bin');
    });
    expect(res.status).toBe(413);
    expect(error(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(blobCount(zegel)).toBe(before);
  });

  it('refuses a message over the total size limit', async () => {
    const res = await postForm((form) => {
      form.append('message', JSON.stringify(valid));
      form.append('attachments', new Blob([Buffer.alloc(90_000, 1)]), 'a.bin');
      form.append('attachments', new Blob([Buffer.alloc(90_000, 2)]), 'b.bin');
    });
    expect(res.status).toBe(413);
  });

  it('refuses more attachments than allowed', async () => {
    const before = blobCount(zegel);
    const res = await postForm((form) => {
      form.append('message', JSON.stringify(valid));
      for (const n of [1, 2, 3]) form.append('attachments', new Blob([`file ${n}`]), `${n}.txt`);
    });
    expect(res.status).toBe(413);
    expect(error(res).code).toBe('TOO_MANY_PARTS');
    expect(blobCount(zegel)).toBe(before);
  });

  it('refuses a declared body far over the limit before reading it', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(`${zegel.url}/api/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=b',
          'content-length': String(10 ** 12),
        },
      });
      req.on('response', (r) => {
        resolve(r.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('--b\r\n');
    });
    expect(res).toBe(413);
  });

  it('keeps nothing when the client disconnects mid-upload', async () => {
    const before = blobCount(zegel);
    await new Promise<void>((resolve) => {
      const req = request(`${zegel.url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      req.on('error', () => resolve());
      req.write(
        `--b\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(valid)}\r\n`,
      );
      req.write(
        '--b\r\nContent-Disposition: form-data; name="attachments"; filename="a.bin"\r\n\r\n',
      );
      req.write(Buffer.alloc(30_000, 7));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    for (let i = 0; i < 50 && blobCount(zegel) !== before; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(blobCount(zegel)).toBe(before);
  });

  it('neutralises path tricks and line breaks in attachment names', async () => {
    // filename* (RFC 5987) is decoded by the parser, so this name really carries CR LF.
    const part = (disposition: string, content: string) =>
      `--b\r\nContent-Disposition: form-data; name="attachments"; ${disposition}\r\n\r\n${content}\r\n`;
    const body =
      `--b\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(valid)}\r\n` +
      part('filename="../../../../etc/cron.d/evil"', 'a') +
      part("filename*=UTF-8''report%0D%0AX-Injected%3A%201.pdf", 'b') +
      '--b--\r\n';
    const res = await post({
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body,
    });
    expect(res.status).toBe(201);
    const names = res.json<SubmitMessageResponse>().attachments.map((a) => a.name);
    expect(names).toEqual(['evil', 'reportX-Injected_ 1.pdf']);
    expect(readdirSync(zegel.root)).not.toContain('etc');
  });

  it('keeps non-ASCII attachment names as the browser sent them (UTF-8)', async () => {
    const res = await postForm((form) => {
      form.append('message', JSON.stringify(valid));
      form.append('attachments', new Blob(['x']), 'overzicht één – 2026.csv');
    });
    expect(res.status).toBe(201);
    expect(res.json<SubmitMessageResponse>().attachments[0].name).toBe('overzicht één – 2026.csv');
  });

  it('stores scripts in the HTML body but never serves them', async () => {
    const res = await post(
      jsonRequest({
        ...valid,
        text: undefined,
        html: '<p>hi</p><script>alert(1)</script><img src=x onerror=alert(1)>',
      }),
    );
    expect(res.status).toBe(201);
    const [recipient] = res.json<SubmitMessageResponse>().recipients;
    const status = (
      await http(`${zegel.url}/api/v1/messages/${res.json<SubmitMessageResponse>().id}`)
    ).json<MessageStatusResponse>();
    expect(status.recipients[0].state).toMatch(/pending|notified/);
    expect(recipient.ceId).toBeDefined();
  });

  it.each(['AAAA', '../../etc/passwd', 'A'.repeat(22), '%00'])(
    'answers the unknown pickup token %p like a wrong code',
    async (token) => {
      const res = await http(
        `${zegel.url}/api/v1/pickup/${encodeURIComponent(token)}/unlock`,
        jsonRequest({ ceId: 'ABC-DEF-GHJ' }, { localAddress: '127.0.0.9' }),
      );
      expect([401, 429]).toContain(res.status);
      const message = await http(`${zegel.url}/api/v1/pickup/${encodeURIComponent(token)}/message`);
      expect(message.status).toBe(401);
    },
  );

  it('refuses a non-string CE-ID and an oversized one', async () => {
    // The unlock route reads at most 1 KiB, so the oversized one is refused before parsing.
    for (const [ceId, status] of [
      [{ $ne: null }, 400],
      ['A'.repeat(500), 400],
      ['A'.repeat(10_000), 413],
      [12345, 400],
    ] as const) {
      const res = await http(
        `${zegel.url}/api/v1/pickup/${'B'.repeat(22)}/unlock`,
        jsonRequest({ ceId }, { localAddress: '127.0.0.10' }),
      );
      expect(res.status).toBe(status);
    }
  });
});
