import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { JobQueue } from '../../server/src/queue/job-queue';
import { RetentionService } from '../../server/src/messages/retention.service';
import { cookieFrom, http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

const DAY = 86_400_000;

/** Lock after too many wrong codes from many addresses, expiry, and deletion after the grace period. */
describe('pickup limits and the content lifecycle', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({
      env: {
        ZEGEL_PICKUP_MESSAGE_FAILURES: '4',
        ZEGEL_RETRIEVAL_DAYS: '7',
        ZEGEL_RETRIEVAL_GRACE_HOURS: '2',
      },
    });
  });
  afterAll(() => zegel?.close());

  async function submit(address: string): Promise<{ id: string; ceId: string; token: string }> {
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 's',
        recipients: [{ address }],
        text: 'body',
      }),
    );
    expect(res.status).toBe(201);
    const body = res.json<SubmitMessageResponse>();
    await zegel.app.get(JobQueue).drain();
    const outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<
      { id: string; to: string[] }[]
    >();
    const mail = outbox.find((m) => m.to.includes(address))!;
    const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${mail.id}`)).text();
    return {
      id: body.id,
      ceId: body.recipients[0].ceId!,
      token: /\/p\/([A-Za-z0-9_-]{22})/.exec(raw)![1],
    };
  }

  const status = async (id: string) =>
    (await http(`${zegel.url}/api/v1/messages/${id}`)).json<MessageStatusResponse>();

  it('locks a copy after too many wrong codes from several addresses, even for the right code', async () => {
    const { id, ceId, token } = await submit('lock@example.nl');
    const attempt = (code: string, localAddress: string) =>
      http(
        `${zegel.url}/api/v1/pickup/${token}/unlock`,
        jsonRequest({ ceId: code }, { localAddress }),
      );
    for (const address of ['127.0.1.1', '127.0.1.1', '127.0.1.2', '127.0.1.2']) {
      expect((await attempt('ZZZ-ZZZ-ZZZ', address)).status).toBe(401);
    }
    const right = await attempt(ceId, '127.0.1.3');
    expect(right.status).toBe(401);
    expect(right.json<{ error: { code: string } }>().error.code).toBe('PICKUP_DENIED');
    const s = await status(id);
    expect(s.recipients[0].state).toBe('locked');
    expect(s.events.map((e) => e.type)).toContain('ContentHandoverFailure');
  });

  it('expires an uncollected message, deletes its content and sends the sender a receipt', async () => {
    const { id, ceId, token } = await submit('late@example.nl');
    await zegel.app.get(RetentionService).sweep(new Date(Date.now() + 8 * DAY));
    const s = await status(id);
    expect(s.recipients[0].state).toBe('expired');
    expect(s.content).toBe('deleted');
    expect(s.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['AcceptanceRejectionExpiry', 'ContentDeletion']),
    );
    await zegel.app.get(JobQueue).drain();
    const outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<
      { kind: string; subject: string }[]
    >();
    expect(outbox.some((m) => m.kind === 'receipt' && m.subject.includes('late@example.nl'))).toBe(
      true,
    );
    const open = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }, { localAddress: '127.0.1.9' }),
    );
    // The right code learns that the message is gone; anyone else gets the one refusal above.
    expect(open.status).toBe(410);
    expect(open.json<{ error: { code: string } }>().error.code).toBe('PICKUP_CLOSED');
  });

  it('keeps accepted content for the grace period, then deletes it', async () => {
    const { id, ceId, token } = await submit('grace@example.nl');
    const unlock = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }, { localAddress: '127.0.1.10' }),
    );
    const cookie = cookieFrom(unlock);
    expect(
      (
        await http(`${zegel.url}/api/v1/pickup/${token}/accept`, {
          method: 'POST',
          headers: { cookie },
        })
      ).status,
    ).toBe(200);
    const retention = zegel.app.get(RetentionService);
    await retention.sweep(new Date(Date.now() + 60 * 60_000));
    expect((await status(id)).content).toBe('stored');
    // An hour on, the session is gone (purged) but the code still opens the accepted message.
    expect(
      (await http(`${zegel.url}/api/v1/pickup/${token}/message`, { headers: { cookie } })).status,
    ).toBe(401);
    const again = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }, { localAddress: '127.0.1.10' }),
    );
    expect(again.status).toBe(200);
    await retention.sweep(new Date(Date.now() + 3 * 60 * 60_000));
    expect((await status(id)).content).toBe('deleted');
    expect((await status(id)).recipients[0].state).toBe('accepted');
  });

  it('finds the session cookie among other cookies, and only under its own name', async () => {
    const { ceId, token } = await submit('cookies@example.nl');
    const unlock = await http(
      `${zegel.url}/api/v1/pickup/${token}/unlock`,
      jsonRequest({ ceId }, { localAddress: '127.0.1.11' }),
    );
    const [name, value] = cookieFrom(unlock).split('=');
    const read = (cookie: string) =>
      http(`${zegel.url}/api/v1/pickup/${token}/message`, { headers: { cookie } });
    expect((await read(`theme=dark;  ${name}=${value} ; ${name}_old=x`)).status).toBe(200);
    expect((await read(`${name}x=${value}; x${name}=${value}`)).status).toBe(401);
    expect((await read(`${name}=; =${value}; ${value}`)).status).toBe(401);
  });

  it('keeps others out of a sender’s message', async () => {
    const { id } = await submit('private@example.nl');
    expect((await http(`${zegel.url}/api/v1/messages/${id}`)).status).toBe(200);
    expect(
      (await http(`${zegel.url}/api/v1/messages/00000000-0000-0000-0000-000000000000`)).status,
    ).toBe(404);
    expect((await http(`${zegel.url}/api/v1/messages/not-an-id`)).status).toBe(404);
  });
});
