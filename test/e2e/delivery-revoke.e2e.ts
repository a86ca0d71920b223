import type { MessageStatusResponse, RevokeResponse, SubmitMessageResponse } from '@zegel/shared';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { waitFor } from '../support/delivery-lab';

/** Sender revocation: a message nobody retrieved dies (links, content), with evidence; a retrieved one cannot. */
describe('revoking a message', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_CEID_CHANNEL: 'sender' } });
  });

  afterAll(async () => {
    await zegel?.close();
  });

  const submit = async (addresses: string[]) => {
    const res = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'Uitslag',
        recipients: addresses.map((address) => ({ address })),
        text: 'vertrouwelijk',
      }),
    );
    expect(res.status).toBe(201);
    return res.json<SubmitMessageResponse>();
  };
  /** The pickup token from the notification mail captured for this address. */
  const tokenFor = async (address: string): Promise<string> => {
    let token: string | undefined;
    await waitFor(`the notification to ${address}`, async () => {
      const list = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<
        { id: string; kind: string; to: string[] }[]
      >();
      const entry = list.find((e) => e.kind === 'notification' && e.to.includes(address));
      if (!entry) return false;
      const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${entry.id}`)).text();
      token = /\/p\/([A-Za-z0-9_-]{22})/.exec(raw)?.[1];
      return !!token;
    });
    return token!;
  };
  const unlock = (token: string, ceId: string) =>
    http(`${zegel.url}/api/v1/pickup/${token}/unlock`, jsonRequest({ ceId }));
  const revoke = (id: string) =>
    http(`${zegel.url}/api/v1/messages/${id}/revoke`, { method: 'POST' });

  it('kills every link and the content of a message nobody retrieved, with evidence', async () => {
    const submitted = await submit(['a@zorg.example', 'b@zorg.example']);
    const token = await tokenFor('a@zorg.example');
    await tokenFor('b@zorg.example');
    const res = await revoke(submitted.id);
    expect(res.status).toBe(200);
    expect(res.json<RevokeResponse>()).toEqual({
      id: submitted.id,
      revoked: ['a@zorg.example', 'b@zorg.example'],
      alreadyDelivered: [],
    });
    const dead = await unlock(token, submitted.recipients[0].ceId!);
    // The right code hears "no longer available"; a wrong one still gets the single refusal.
    expect(dead.status).toBe(410);
    const status = (
      await http(`${zegel.url}/api/v1/messages/${submitted.id}`)
    ).json<MessageStatusResponse>();
    expect(status.content).toBe('deleted');
    expect(status.recipients.map((r) => r.state)).toEqual(['revoked', 'revoked']);
    const withdrawals = status.events.filter((e) => e.type === 'SubmissionWithdrawal');
    expect(withdrawals.map((e) => e.recipient).sort()).toEqual([
      'a@zorg.example',
      'b@zorg.example',
    ]);
    expect(withdrawals[0].actor).toBe('sender:developer@zegel.test');
    expect(status.events.some((e) => e.type === 'ContentDeletion')).toBe(true);
    const again = await revoke(submitted.id);
    expect(again.status).toBe(409);
  });

  it('refuses once a recipient has opened the message, and changes nothing', async () => {
    const submitted = await submit(['c@zorg.example', 'd@zorg.example']);
    const token = await tokenFor('c@zorg.example');
    expect((await unlock(token, submitted.recipients[0].ceId!)).status).toBe(200);
    const res = await revoke(submitted.id);
    expect(res.status).toBe(409);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('c@zorg.example'),
    });
    const status = (
      await http(`${zegel.url}/api/v1/messages/${submitted.id}`)
    ).json<MessageStatusResponse>();
    expect(status.content).toBe('stored');
    expect(status.events.some((e) => e.type === 'SubmissionWithdrawal')).toBe(false);
  });

  it('answers NOT_FOUND for an unknown message', async () => {
    const res = await revoke('00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
  });
});
