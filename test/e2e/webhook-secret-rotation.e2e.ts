import type { EventsPage } from '@zegel/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { DatabaseService } from '../../server/src/database/database.service';
import { WebhookEndpointEntity } from '../../server/src/webhooks/webhook-endpoint.entity';
import { http, jsonRequest } from '../support/http';
import { createLabCa } from '../support/lab-ca';
import { startZegel, type RunningZegel } from '../support/server';
import {
  startWebhookReceiver,
  waitFor,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../support/webhook-receiver';

interface Rotated {
  id: string;
  secret: string;
  previousSecretValidUntil: string | null;
}

/**
 * Rotating a webhook secret: for the grace period every delivery carries two signatures (old and
 * new secret, space-separated as Standard Webhooks allows), after it only the new one. Checked
 * against a real HTTPS receiver on loopback with the standardwebhooks verifier.
 */
jest.setTimeout(60_000);

describe('webhook secret rotation', () => {
  let dir: string;
  let zegel: RunningZegel;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-webhook-rotation-'));
    const ca = createLabCa(dir);
    const cert = ca.issue('receiver', { names: ['localhost', '127.0.0.1'] });
    zegel = await startZegel({
      env: { ZEGEL_CA_FILE: ca.rootFile, ZEGEL_WEBHOOK_RETRY_BASE_MS: '100' },
    });
    receiver = await startWebhookReceiver({
      address: '127.0.0.1',
      host: 'localhost',
      key: cert.key,
      cert: cert.chain,
    });
  });

  afterAll(async () => {
    await zegel?.close();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const admin = `/api/v1/admin/webhooks`;
  let phone = 0;
  /** Records one configuration change and returns the delivery of it that the receiver got. */
  const deliveredChange = async (): Promise<ReceivedWebhook> => {
    const number = `+316987650${String(phone++).padStart(2, '0')}`;
    const res = await http(`${zegel.url}/api/v1/admin/recipient-phones/jan@zorg.example`, {
      ...jsonRequest({ phone: number }),
      method: 'PUT',
    });
    expect(res.status).toBe(204);
    return waitFor(
      // Matched on the change's new number itself: a match on part of it could find an earlier
      // delivery whose ids or timestamps happen to hold the same digits.
      () =>
        receiver.received.find(
          (r) =>
            (JSON.parse(r.body) as { data: { details?: { after?: { phone?: string } } } }).data
              .details?.after?.phone === number,
        ),
      `the delivery of the change to ${number}`,
    );
  };
  const signatures = (r: ReceivedWebhook) => String(r.headers['webhook-signature']).split(' ');
  const verifies = (secret: string, r: ReceivedWebhook) => {
    try {
      new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  it('signs with both secrets during the grace period, then with the new one alone', async () => {
    const made = await http(
      `${zegel.url}${admin}`,
      jsonRequest({
        url: receiver.url,
        eventTypes: ['ConfigurationChange'],
        allowedPrivateTargets: ['127.0.0.1/32'],
      }),
    );
    expect(made.status).toBe(201);
    const { id, secret: oldSecret } = made.json<{ id: string; secret: string }>();
    const before = await deliveredChange();
    expect(signatures(before)).toHaveLength(1);
    expect(verifies(oldSecret, before)).toBe(true);

    const res = await http(
      `${zegel.url}${admin}/${id}/rotate-secret`,
      jsonRequest({ graceSeconds: 4 }),
    );
    expect(res.status).toBe(200);
    const rotated = res.json<Rotated>();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(oldSecret);
    const until = new Date(rotated.previousSecretValidUntil!).getTime();
    expect(until - Date.now()).toBeGreaterThan(2_000);
    expect(until - Date.now()).toBeLessThanOrEqual(4_000);

    // Both secrets sealed at rest: neither is readable in the row.
    const row = await zegel.app
      .get(DatabaseService)
      .manager.findOneByOrFail(WebhookEndpointEntity, { id });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(oldSecret.slice(6));
    expect(stored).not.toContain(rotated.secret.slice(6));
    expect(row.previousSealedSecret).toBeTruthy();

    const during = await deliveredChange();
    expect(signatures(during)).toHaveLength(2);
    expect(signatures(during).every((s) => s.startsWith('v1,'))).toBe(true);
    expect(verifies(oldSecret, during)).toBe(true);
    expect(verifies(rotated.secret, during)).toBe(true);

    await sleep(Math.max(0, until - Date.now()) + 200);
    const after = await deliveredChange();
    expect(signatures(after)).toHaveLength(1);
    expect(verifies(rotated.secret, after)).toBe(true);
    expect(verifies(oldSecret, after)).toBe(false);

    // The rotation is evidence, with before and after, and neither secret in it.
    const events = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    const change = events.events.find((e) => e.details?.action === 'webhook.rotate-secret');
    expect(change).toMatchObject({
      type: 'ConfigurationChange',
      actor: expect.stringMatching(/^admin:/),
      details: {
        target: `webhook/${id}`,
        before: { secretChanged: false, previousSecretValidUntil: null },
        after: { secretChanged: true, previousSecretValidUntil: rotated.previousSecretValidUntil },
      },
    });
    const text = JSON.stringify(events);
    expect(text).not.toContain(oldSecret.slice(6));
    expect(text).not.toContain(rotated.secret.slice(6));
  });

  it('takes a secret of the admin’s own, defaults to the configured grace, refuses bad input', async () => {
    const made = await http(
      `${zegel.url}${admin}`,
      jsonRequest({
        url: 'https://localhost:9/x',
        eventTypes: ['ConfigurationChange'],
        enabled: false,
      }),
    );
    const { id, secret } = made.json<{ id: string; secret: string }>();
    const own = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const res = await http(
      `${zegel.url}${admin}/${id}/rotate-secret`,
      jsonRequest({ secret: own }),
    );
    expect(res.status).toBe(200);
    const rotated = res.json<Rotated>();
    expect(rotated.secret).toBe(own);
    const grace = new Date(rotated.previousSecretValidUntil!).getTime() - Date.now();
    expect(grace).toBeGreaterThan(23.9 * 3_600_000);
    expect(grace).toBeLessThanOrEqual(24 * 3_600_000);

    for (const body of [
      { secret: own },
      { graceSeconds: -1 },
      { secret: 'plain' },
      { graceSeconds: 1.5 },
    ]) {
      const bad = await http(`${zegel.url}${admin}/${id}/rotate-secret`, jsonRequest(body));
      expect(bad.status).toBe(400);
      expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    }
    expect(secret).not.toBe(own);
    const missing = await http(
      `${zegel.url}${admin}/00000000-0000-4000-8000-000000000000/rotate-secret`,
      jsonRequest({}),
    );
    expect(missing.status).toBe(404);
  });
});
