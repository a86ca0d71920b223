import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { http, jsonRequest } from '../support/http';
import { freePort, startZegelProcess, type ZegelProcess } from '../support/server-process';
import { DOMAINS, startDeliveryLab, waitFor, type DeliveryLab } from '../support/delivery-lab';

jest.setTimeout(180_000);

/**
 * A server killed with SIGKILL while its direct deliveries are in flight (sessions open at the MX,
 * no reply yet) delivers every mail exactly once after a restart on the same directories.
 */
describe('direct delivery across a crash', () => {
  let lab: DeliveryLab;
  let root: string;
  let proc: ZegelProcess | undefined;
  const COUNT = 5;

  beforeAll(async () => {
    lab = await startDeliveryLab();
    root = mkdtempSync(join(tmpdir(), 'zegel-crash-'));
  });

  afterAll(async () => {
    await proc?.kill();
    await lab?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('delivers each mail exactly once', async () => {
    const port = await freePort();
    const env = lab.env({ ZEGEL_JOB_LEASE_SECONDS: '2' });
    proc = await startZegelProcess({ port, root, env });
    const url = proc.url;
    // The SmartTLS verdict first (its probe needs a prompt greeting), then the MX starts to stall.
    const preflight = await http(
      `${url}/api/v1/policy/preflight`,
      jsonRequest({ classification: 'confidential', recipients: [`x@${DOMAINS.pass}`] }),
    );
    expect(preflight.json<{ recipients: { route: string }[] }>().recipients[0].route).toBe(
      'direct',
    );
    const mx = lab.mx.good;
    mx.behaviour.greetingDelayMs = 120_000;

    const canaries = Array.from({ length: COUNT }, () => `CANARY-${randomUUID()}`);
    const ids: string[] = [];
    for (const [i, canary] of canaries.entries()) {
      const res = await http(
        `${url}/api/v1/messages`,
        jsonRequest({
          classification: 'confidential',
          subject: `crash ${i}`,
          recipients: [{ address: `r${i}@${DOMAINS.pass}` }],
          text: canary,
        }),
      );
      expect(res.status).toBe(201);
      const body = res.json<SubmitMessageResponse>();
      expect(body.recipients[0].route).toBe('direct');
      ids.push(body.id);
    }
    await waitFor('every delivery in flight at the MX', () => mx.open >= COUNT);
    expect(mx.received.filter((m) => canaries.some((c) => m.data.includes(c)))).toHaveLength(0);

    await proc.kill();
    mx.behaviour.greetingDelayMs = 0;
    proc = await startZegelProcess({ port, root, env });

    const state = async (id: string) =>
      (await http(`${url}/api/v1/messages/${id}`)).json<MessageStatusResponse>().recipients[0]
        .state;
    await waitFor(
      'every recipient delivered after the restart',
      async () => (await Promise.all(ids.map(state))).every((s) => s === ('delivered' as never)),
      60_000,
    );
    for (const canary of canaries) {
      expect(mx.received.filter((m) => m.data.includes(canary))).toHaveLength(1);
    }
  });
});
