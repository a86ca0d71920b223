import type { EventsPage } from '@zegel/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { DatabaseService } from '../../server/src/database/database.service';
import { EvidenceService } from '../../server/src/evidence/evidence.service';
import { WebhookDeliveryEntity } from '../../server/src/webhooks/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../../server/src/webhooks/webhook-endpoint.entity';
import { http, jsonRequest } from '../support/http';
import { createLabCa, type LabCertificate } from '../support/lab-ca';
import { startZegel, type RunningZegel } from '../support/server';
import { startWebhookReceiver, waitFor, type WebhookReceiver } from '../support/webhook-receiver';

interface EndpointView {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  secret?: string;
}
interface DeliveryView {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}

/**
 * Webhooks end to end: the admin API, evidence events signed and delivered through the job queue
 * to real HTTPS receivers on loopback whose certificates only this test's CA vouches for.
 */
jest.setTimeout(30_000);

describe('webhooks', () => {
  let dir: string;
  let cert: LabCertificate;
  let zegel: RunningZegel;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zegel-webhooks-'));
    const ca = createLabCa(dir);
    cert = ca.issue('receiver', { names: ['localhost', '127.0.0.1', '127.0.0.2'] });
    zegel = await startZegel({
      env: {
        ZEGEL_CA_FILE: ca.rootFile,
        ZEGEL_WEBHOOK_RETRY_BASE_MS: '100',
        ZEGEL_WEBHOOK_TIMEOUT_MS: '1000',
      },
    });
  });

  afterAll(async () => {
    await zegel?.close();
    await Promise.all(receivers.map((r) => r.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const receiver = async (
    answer?: Parameters<typeof startWebhookReceiver>[0]['answer'],
    address = '127.0.0.1',
  ) => {
    const r = await startWebhookReceiver({
      address,
      host: 'localhost',
      key: cert.key,
      cert: cert.chain,
      answer,
    });
    receivers.push(r);
    return r;
  };
  const admin = `/api/v1/admin/webhooks`;
  const create = async (body: Record<string, unknown>) => {
    const res = await http(`${zegel.url}${admin}`, jsonRequest(body));
    expect(res.status).toBe(201);
    return res.json<EndpointView & { secret: string }>();
  };
  const deliveries = async (id: string) => {
    const res = await http(`${zegel.url}${admin}/${id}/deliveries`);
    expect(res.status).toBe(200);
    return res.json<DeliveryView[]>();
  };
  /** A configuration change to send: the recipient register records one per change. */
  let phone = 0;
  const configurationChange = async () => {
    const res = await http(`${zegel.url}/api/v1/admin/recipient-phones/jan@zorg.example`, {
      ...jsonRequest({ phone: `+316123450${String(phone++).padStart(2, '0')}` }),
      method: 'PUT',
    });
    expect(res.status).toBe(204);
  };
  const endpoint = (url: string, extra: Record<string, unknown> = {}) => ({
    url,
    eventTypes: ['ConfigurationChange'],
    allowedPrivateTargets: ['127.0.0.1/32'],
    ...extra,
  });
  const disable = async (id: string, url: string) => {
    const res = await http(`${zegel.url}${admin}/${id}`, {
      ...jsonRequest(endpoint(url, { enabled: false })),
      method: 'PUT',
    });
    expect(res.status).toBe(200);
  };

  it('refuses bad endpoints with every problem listed, and never shows the secret again', async () => {
    const bad = await http(
      `${zegel.url}${admin}`,
      jsonRequest({
        url: 'ftp://user:pw@example.test/#x',
        eventTypes: ['NoSuchEvent'],
        allowedPrivateTargets: ['not-a-range'],
        secret: 'plain',
      }),
    );
    expect(bad.status).toBe(400);
    const paths = bad
      .json<{ error: { details: { path: string }[] } }>()
      .error.details.map((d) => d.path);
    expect(paths.sort()).toEqual(['allowedPrivateTargets', 'eventTypes', 'secret', 'url']);
    const malformed = await http(`${zegel.url}${admin}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"url":',
    });
    expect(malformed.status).toBe(400);
    const huge = await http(
      `${zegel.url}${admin}`,
      jsonRequest(endpoint(`https://localhost/${'a'.repeat(3000)}`)),
    );
    expect(huge.status).toBe(400);
    const oversized = await http(
      `${zegel.url}${admin}`,
      jsonRequest(endpoint('https://localhost/', { description: 'a'.repeat(20_000) })),
    );
    expect(oversized.status).toBe(413);

    const made = await create(endpoint('https://localhost:9/never', { enabled: false }));
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await http(`${zegel.url}${admin}`)).text();
    expect(listed).toContain(made.id);
    expect(listed).not.toContain(made.secret);
    // The change is evidence, with before and after, and without the secret.
    const events = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    const change = events.events.find((e) => e.details?.target === `webhook/${made.id}`);
    expect(change).toMatchObject({
      type: 'ConfigurationChange',
      actor: expect.stringMatching(/^admin:/),
      details: { action: 'webhook.create', before: null },
    });
    expect(JSON.stringify(events)).not.toContain(made.secret.slice(6));
    expect((await http(`${zegel.url}${admin}/${made.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await http(`${zegel.url}${admin}/${made.id}`)).status).toBe(404);
  });

  it('seals a secret stored in plain text before sealing existed, and still signs with it', async () => {
    const r = await receiver();
    // The longest secret allowed (96 bytes) seals into the row too.
    const made = await create(
      endpoint(r.url, { secret: `whsec_${Buffer.alloc(96, 7).toString('base64')}` }),
    );
    const db = zegel.app.get(DatabaseService);
    // A row as an older version wrote it.
    await db.manager.update(
      WebhookEndpointEntity,
      { id: made.id },
      { secret: made.secret, sealedSecret: null, secretKey: null },
    );
    await configurationChange();
    const got = await waitFor(
      () =>
        r.received.find((w) => JSON.parse(w.body).data.details?.action === 'recipient-phone.set'),
      'the recipient-phone event',
    );
    expect(() =>
      new Webhook(made.secret).verify(got.body, got.headers as Record<string, string>),
    ).not.toThrow();
    const row = await db.manager.findOneByOrFail(WebhookEndpointEntity, { id: made.id });
    expect(row.secretKey).toEqual(expect.any(String));
    expect(row.secret).toBe('');
    expect(row.sealedSecret).not.toContain(made.secret.slice(6, 30));
    expect((await http(`${zegel.url}${admin}/${made.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('delivers a signed event over HTTPS to the pinned address, with SNI and Host naming the host', async () => {
    const r = await receiver();
    const made = await create(endpoint(r.url));
    await configurationChange();
    const got = await waitFor(
      () =>
        r.received.find((w) => JSON.parse(w.body).data.details?.action === 'recipient-phone.set'),
      'the recipient-phone event',
    );
    const verified = new Webhook(made.secret).verify(
      got.body,
      got.headers as Record<string, string>,
    ) as { type: string; data: { id: string; signature: string } };
    // The database holds the secret sealed, under a data key the key store wraps.
    const row = await zegel.app
      .get(DatabaseService)
      .manager.findOneByOrFail(WebhookEndpointEntity, { id: made.id });
    expect(row.secretKey).toEqual(expect.any(String));
    expect(row.secret).toBe('');
    expect(JSON.stringify(row)).not.toContain(made.secret.slice(6, 30));
    expect(verified.type).toBe('ConfigurationChange');
    expect(got.headers['webhook-id']).toMatch(/^msg_/);
    expect(got.servername).toBe('localhost');
    expect(got.headers.host).toBe(`localhost:${r.port}`);
    expect(got.remoteAddress).toBe('127.0.0.1');
    const log = await waitFor(async () => {
      const list = await deliveries(made.id);
      const mine = list.find((d) => d.id === got.headers['webhook-id']);
      return mine?.state === 'delivered' ? mine : undefined;
    }, 'the delivery log');
    expect(log).toMatchObject({ attempts: 1, lastStatus: 204, lastError: null });
    await disable(made.id, r.url);
  });

  it('refuses a loopback receiver that the endpoint is not allowed to reach', async () => {
    const r = await receiver();
    const made = await create(endpoint(r.url, { allowedPrivateTargets: [] }));
    const log = await waitFor(async () => {
      const [first] = await deliveries(made.id);
      return first?.lastError ? first : undefined;
    }, 'a refused attempt');
    expect(log.lastError).toMatch(/loopback, private/);
    expect(log.state).toBe('pending');
    expect(r.received).toHaveLength(0);
    await disable(made.id, r.url);
  });

  it('retries after 500s with the same webhook-id until the receiver takes it', async () => {
    const r = await receiver((n, res) => res.writeHead(n < 2 ? 500 : 200).end());
    const made = await create(endpoint(r.url));
    const log = await waitFor(async () => {
      const [first] = await deliveries(made.id);
      return first?.state === 'delivered' ? first : undefined;
    }, 'the delivery after two 500s');
    expect(log).toMatchObject({ attempts: 3, lastStatus: 200 });
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((w) => w.headers['webhook-id']))).toEqual(new Set([log.id]));
    for (const w of r.received)
      expect(() =>
        new Webhook(made.secret).verify(w.body, w.headers as Record<string, string>),
      ).not.toThrow();
    // A success ends the endpoint's run of failures.
    const view = (await http(`${zegel.url}${admin}/${made.id}`)).json<EndpointView>();
    expect(view.failingSince).toBeNull();
    await disable(made.id, r.url);
  });

  it('gives up on a slow receiver after the timeout and tries again later', async () => {
    const r = await receiver((_n, res) => {
      setTimeout(() => res.writeHead(200).end(), 3_000).unref();
    });
    const made = await create(endpoint(r.url));
    const log = await waitFor(async () => {
      const [first] = await deliveries(made.id);
      return first?.lastError ? first : undefined;
    }, 'a timed-out attempt');
    expect(log.lastError).toMatch(/no answer within 1000 ms/);
    expect(log.lastStatus).toBeNull();
    expect(log.state).toBe('pending');
    const view = (await http(`${zegel.url}${admin}/${made.id}`)).json<EndpointView>();
    expect(view.failingSince).not.toBeNull();
    await disable(made.id, r.url);
  });

  it('does not follow a redirect to a private address', async () => {
    const target = await receiver(undefined, '127.0.0.2');
    const r = await receiver((_n, res) =>
      res.writeHead(302, { location: `https://127.0.0.2:${target.port}/hook` }).end(),
    );
    const made = await create(endpoint(r.url));
    const log = await waitFor(async () => {
      const [first] = await deliveries(made.id);
      return first && first.attempts >= 2 ? first : undefined;
    }, 'two redirected attempts');
    expect(log.lastStatus).toBe(302);
    expect(log.lastError).toMatch(/do not follow redirects/);
    expect(r.received.length).toBeGreaterThanOrEqual(2);
    expect(target.received).toHaveLength(0);
    await disable(made.id, r.url);
  });

  it('enqueues a delivery exactly when its event commits (transactional outbox)', async () => {
    const made = await create(endpoint('https://localhost:9/outbox'));
    const db = zegel.app.get(DatabaseService);
    const evidence = zegel.app.get(EvidenceService);
    const count = () => db.manager.count(WebhookDeliveryEntity, { where: { endpointId: made.id } });
    const before = await count();
    const change = {
      actor: 'system',
      action: 'test.change',
      target: 'test',
      before: null,
      after: { n: 1 },
    };
    await expect(
      db.transaction(async (tx) => {
        await evidence.recordConfigurationChange(tx, change);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await count()).toBe(before);
    const event = await db.transaction((tx) => evidence.recordConfigurationChange(tx, change));
    expect(await count()).toBe(before + 1);
    const row = await db.manager.findOneByOrFail(WebhookDeliveryEntity, {
      endpointId: made.id,
      eventId: event.id,
    });
    expect(JSON.parse(row.body)).toEqual({
      type: 'ConfigurationChange',
      timestamp: event.time,
      data: event,
    });
    await disable(made.id, 'https://localhost:9/outbox');
  });

  it('disables an endpoint that has failed for the configured days, as evidence', async () => {
    const r = await receiver((_n, res) => res.writeHead(500).end());
    const made = await create(endpoint(r.url));
    await waitFor(
      async () => ((await deliveries(made.id))[0]?.attempts ? true : undefined),
      'a failure',
    );
    // Pretend the failures began six days ago (the default limit is five).
    const db = zegel.app.get(DatabaseService);
    await db.manager.update(
      WebhookEndpointEntity,
      { id: made.id },
      {
        failingSince: new Date(Date.now() - 6 * 86_400_000),
      },
    );
    const view = await waitFor(async () => {
      const v = (await http(`${zegel.url}${admin}/${made.id}`)).json<EndpointView>();
      return v.enabled ? undefined : v;
    }, 'the endpoint to be disabled');
    expect(view.disabledReason).toMatch(/every delivery failed since/);
    const events = (await http(`${zegel.url}/api/v1/events?after=0&limit=1000`)).json<EventsPage>();
    expect(events.events).toContainEqual(
      expect.objectContaining({
        actor: 'system',
        details: expect.objectContaining({
          action: 'webhook.disable',
          target: `webhook/${made.id}`,
        }),
      }),
    );
    const seen = r.received.length;
    await configurationChange();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(r.received.length).toBe(seen);
  });
});
