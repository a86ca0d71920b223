import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { createPostgresDatabase, testDatabaseEngine } from '../support/database';
import { http, multipart } from '../support/http';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';

jest.setTimeout(120_000);

/**
 * A message answered with 201 is on disk and survives a crash (SIGKILL, no shutdown hooks), and its
 * notification goes out once after the restart. A server whose key is missing refuses to start.
 */
describe('durability of acknowledged messages', () => {
  let zegel: ZegelProcess | undefined;
  // A job leased by the killed process waits for its lease to run out: keep that short here.
  let env: Record<string, string> = { ZEGEL_JOB_LEASE_SECONDS: '2' };
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (testDatabaseEngine() === 'postgres') {
      const db = await createPostgresDatabase();
      env = { ...env, ZEGEL_DATABASE_URL: db.url };
      dropDatabase = db.drop;
    }
  });

  afterAll(async () => {
    await zegel?.kill();
    await dropDatabase?.();
    if (zegel) rmSync(zegel.root, { recursive: true, force: true });
  });

  it('keeps every acknowledged message across a SIGKILL and notifies each recipient once', async () => {
    const port = await freePort();
    zegel = await startZegelProcess({ port, env });
    const ids: string[] = [];
    const submit = async (i: number) => {
      const form = new FormData();
      form.append(
        'message',
        JSON.stringify({
          classification: 'registered',
          subject: `m${i}`,
          recipients: [{ address: `r${i}@example.nl` }],
          text: `body ${i}`,
        }),
      );
      form.append('attachments', new Blob([Buffer.alloc(200_000, i)]), `a${i}.bin`);
      const { headers, body } = await multipart(form);
      const res = await http(`${zegel!.url}/api/v1/messages`, {
        method: 'POST',
        headers,
        body,
      }).catch(() => null);
      if (res?.status === 201) ids.push(res.json<SubmitMessageResponse>().id);
    };
    for (let i = 0; i < 5; i++) await submit(i);
    expect(ids).toHaveLength(5);
    // Crash while more submissions are arriving: those answered 201 must survive too.
    const submissions = Array.from({ length: 15 }, (_, i) => submit(5 + i));
    await new Promise((r) => setTimeout(r, 100));
    await zegel.kill();
    await Promise.all(submissions);

    zegel = await startZegelProcess({ port, root: zegel.root, env });
    for (const id of ids) {
      const status = await http(`${zegel.url}/api/v1/messages/${id}`);
      expect(status.status).toBe(200);
      expect(status.json<MessageStatusResponse>().content).toBe('stored');
    }
    // Every acknowledged message ends up notified exactly once.
    const deadline = Date.now() + 30_000;
    let outbox: { to: string[] }[] = [];
    while (Date.now() < deadline) {
      outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<{ to: string[] }[]>();
      const statuses = await Promise.all(
        ids.map((id) => http(`${zegel!.url}/api/v1/messages/${id}`)),
      );
      if (statuses.every((s) => s.json<MessageStatusResponse>().recipients[0].state === 'notified'))
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const id of ids) {
      const status = (
        await http(`${zegel.url}/api/v1/messages/${id}`)
      ).json<MessageStatusResponse>();
      expect(status.recipients[0].state).toBe('notified');
      const notifications = status.events.filter((e) => e.type === 'ConsignmentNotification');
      expect(notifications).toHaveLength(1);
    }
    const recipients = outbox.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
  });

  it('refuses to start when the key of existing encrypted data is missing', async () => {
    await zegel!.stop();
    rmSync(join(zegel!.root, 'keys'), { recursive: true, force: true });
    const port = await freePort();
    await expect(
      startZegelProcess({ port, root: zegel!.root, env, timeoutMs: 15_000 }),
    ).rejects.toThrow(/key/i);
    const before = (await http(`http://127.0.0.1:${port}/health`).catch(() => null))?.status;
    expect(before).toBeUndefined();
  });
});
