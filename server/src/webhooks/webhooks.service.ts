import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { newWebhookSecret, type WebhookEndpointInput } from './webhook-endpoint.validation';
import { WebhookRepository } from './webhook.repository';
import { WebhookSecrets } from './webhook-secrets';

/** An endpoint as the admin API shows it: everything but the secret. */
export function endpointView(e: WebhookEndpointEntity) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    allowedPrivateTargets: e.allowedPrivateTargets,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    /** After a rotation: until when deliveries are signed with the old secret as well. */
    previousSecretValidUntil: e.previousSecretUntil?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export type WebhookEndpointView = ReturnType<typeof endpointView>;

export function deliveryView(d: WebhookDeliveryEntity) {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    state: d.state,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/** What the evidence of a change shows: the endpoint without its secret, and whether that changed. */
const audited = (e: WebhookEndpointEntity, secretChanged: boolean) => {
  const { createdAt: _c, updatedAt: _u, failingSince: _f, ...rest } = endpointView(e);
  return { ...rest, secretChanged };
};

const NO_PREVIOUS_SECRET = {
  previousSealedSecret: null,
  previousSecretKey: null,
  previousSecretUntil: null,
} as const;

/** Admin changes to webhook endpoints; each is recorded as a configuration change. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly webhooks: WebhookRepository,
    private readonly secrets: WebhookSecrets,
  ) {}

  async list(): Promise<WebhookEndpointView[]> {
    return (await this.webhooks.list()).map(endpointView);
  }

  async get(id: string): Promise<WebhookEndpointView> {
    const row = await this.webhooks.get(id);
    if (!row) throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
    return endpointView(row);
  }

  /** Creates an endpoint; the answer carries the secret, the only time Zegel shows it. */
  create(
    input: WebhookEndpointInput,
    actor: string,
    ip: string | null,
  ): Promise<WebhookEndpointView & { secret: string }> {
    const id = randomUUID();
    const secret = input.secret ?? newWebhookSecret();
    return this.db.transaction(async (tx) => {
      const now = new Date();
      const row: WebhookEndpointEntity = {
        id,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        ...(await this.secrets.seal(id, secret)),
        ...NO_PREVIOUS_SECRET,
        allowedPrivateTargets: input.allowedPrivateTargets,
        enabled: input.enabled,
        disabledReason: null,
        failingSince: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.webhooks.insert(tx, row);
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'webhook.create',
        target: `webhook/${row.id}`,
        before: null,
        after: audited(row, true),
        ip,
      });
      return { ...endpointView(row), secret };
    });
  }

  /** Replaces an endpoint; enabling it again clears the record of past failures. */
  replace(
    id: string,
    input: WebhookEndpointInput,
    actor: string,
    ip: string | null,
  ): Promise<WebhookEndpointView> {
    return this.db.transaction(async (tx) => {
      const before = await this.webhooks.get(id, tx);
      if (!before) throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
      const reenabled = input.enabled && !before.enabled;
      const secretChanged =
        input.secret !== undefined && input.secret !== (await this.secrets.open(before));
      const row: WebhookEndpointEntity = {
        ...before,
        url: input.url,
        description: input.description,
        eventTypes: input.eventTypes,
        allowedPrivateTargets: input.allowedPrivateTargets,
        // A secret set here replaces the old one at once; a rotation (below) keeps both a while.
        ...(secretChanged
          ? {
              ...(await this.secrets.seal(id, input.secret!)),
              ...NO_PREVIOUS_SECRET,
            }
          : {}),
        enabled: input.enabled,
        disabledReason: input.enabled ? null : before.disabledReason,
        failingSince: reenabled ? null : before.failingSince,
        updatedAt: new Date(),
      };
      if (!(await this.webhooks.replace(tx, row)))
        throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'webhook.update',
        target: `webhook/${id}`,
        before: audited(before, false),
        after: audited(row, secretChanged),
        ip,
      });
      return endpointView(row);
    });
  }

  /**
   * Rotates an endpoint's secret: the new one signs from now on, and for `graceMs` the old one
   * signs as well (two signatures), so the receiver can switch without losing a delivery. The
   * answer carries the new secret, the only time Zegel shows it.
   */
  rotateSecret(
    id: string,
    input: { secret?: string; graceMs: number },
    actor: string,
    ip: string | null,
  ): Promise<WebhookEndpointView & { secret: string }> {
    return this.db.transaction(async (tx) => {
      const before = await this.webhooks.get(id, tx);
      if (!before) throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
      const old = await this.secrets.open(before);
      const secret = input.secret ?? newWebhookSecret();
      if (secret === old)
        throw new ZegelError(
          'VALIDATION_FAILED',
          'The new secret must differ from the current one.',
          [{ path: 'secret', message: 'the current secret' }],
        );
      // A legacy plain secret is sealed on its way to the previous slot.
      const previous =
        before.secretKey && before.sealedSecret
          ? { sealedSecret: before.sealedSecret, secretKey: before.secretKey }
          : await this.secrets.seal(id, old);
      const now = new Date();
      const fields = {
        ...(await this.secrets.seal(id, secret)),
        previousSealedSecret: input.graceMs > 0 ? previous.sealedSecret : null,
        previousSecretKey: input.graceMs > 0 ? previous.secretKey : null,
        previousSecretUntil: input.graceMs > 0 ? new Date(now.getTime() + input.graceMs) : null,
        updatedAt: now,
      };
      if (!(await this.webhooks.rotateSecret(tx, before, fields)))
        throw new ZegelError('CONFLICT', 'The secret changed meanwhile; read it again and retry.');
      const row = { ...before, ...fields };
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'webhook.rotate-secret',
        target: `webhook/${id}`,
        before: audited(before, false),
        after: audited(row, true),
        ip,
      });
      return { ...endpointView(row), secret };
    });
  }

  remove(id: string, actor: string, ip: string | null): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await this.webhooks.get(id, tx);
      if (!before || !(await this.webhooks.remove(tx, id)))
        throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'webhook.delete',
        target: `webhook/${id}`,
        before: audited(before, false),
        after: null,
        ip,
      });
    });
  }

  async deliveries(id: string, limit: number, before?: Date) {
    await this.get(id);
    return (await this.webhooks.deliveries(id, limit, before)).map(deliveryView);
  }
}
