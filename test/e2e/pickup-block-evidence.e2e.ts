import type { EventsPage } from '@zegel/shared';
import { http } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { ZegelClient } from '../support/zegel-client';

jest.setTimeout(30_000);

/** An address blocked after wrong codes is evidence even when the links it tried do not exist. */
describe('blocks are evidence', () => {
  let zegel: RunningZegel;

  beforeAll(async () => {
    zegel = await startZegel({ env: { ZEGEL_PICKUP_IP_FAILURES: '3' } });
  });
  afterAll(() => zegel?.close());

  it('records the block of an address that guessed at unknown links, once', async () => {
    const z = new ZegelClient(zegel.url);
    const guesser = '127.0.5.1';
    const token = 'A'.repeat(43);
    for (let i = 0; i < 3; i++)
      expect((await z.unlock(token, 'ZZZ-ZZZ-ZZZ', guesser)).status).toBe(401);
    expect((await z.unlock(token, 'ZZZ-ZZZ-ZZZ', guesser)).status).toBe(429);
    const page = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    const blocks = page.events.filter(
      (e) => e.type === 'ContentHandoverFailure' && e.ip === guesser,
    );
    expect(blocks).toEqual([
      expect.objectContaining({
        messageId: null,
        reason: expect.stringMatching(/^address blocked for 60 minutes/),
      }),
    ]);
  });
});
