import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { SubmitMessageResponse } from '@zegel/shared';
import { cookieFrom, http, jsonRequest } from '../support/http';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';

jest.setTimeout(60_000);

/** At the most verbose level the log carries correlation ids but no content, codes, tokens or cookies. */
describe('logging', () => {
  let zegel: ZegelProcess;

  beforeAll(async () => {
    zegel = await startZegelProcess({ port: await freePort(), env: { ZEGEL_LOG_LEVEL: 'trace' } });
  });
  afterAll(async () => {
    await zegel?.stop();
    if (zegel) rmSync(zegel.root, { recursive: true, force: true });
  });

  it('never logs secrets or message content', async () => {
    const canary = `CANARY-${randomUUID()}`;
    const submitted = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: `subject ${canary}`,
        recipients: [{ address: 'log@example.nl' }],
        html: `<p>${canary}</p>`,
        text: canary,
      }),
    );
    expect(submitted.status).toBe(201);
    const ceId = submitted.json<SubmitMessageResponse>().recipients[0].ceId!;
    let token: string | undefined;
    for (let i = 0; i < 100 && !token; i++) {
      const outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<{ id: string }[]>();
      if (outbox[0])
        token = /\/p\/([A-Za-z0-9_-]{22})/.exec(
          (await http(`${zegel.url}/api/v1/admin/outbox/${outbox[0].id}`)).text(),
        )?.[1];
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(token).toBeDefined();
    await http(`${zegel.url}/api/v1/pickup/${token}/unlock`, jsonRequest({ ceId: 'ZZZ-ZZZ-ZZZ' }));
    const unlock = await http(`${zegel.url}/api/v1/pickup/${token}/unlock`, jsonRequest({ ceId }));
    expect(unlock.status).toBe(200);
    const cookie = cookieFrom(unlock);
    await http(`${zegel.url}/api/v1/pickup/${token}/message`, {
      headers: { cookie, authorization: 'Bearer secret-token-value' },
    });
    await new Promise((r) => setTimeout(r, 200));

    const log = zegel.output();
    expect(log).toContain('"url":"/api/v1/pickup/:token/unlock"');
    expect(log).toMatch(/"req":\{"id":"[0-9a-f-]{36}"/);
    for (const secret of [
      canary,
      ceId,
      ceId.replace(/-/g, ''),
      token!,
      cookie.split('=')[1],
      'secret-token-value',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
