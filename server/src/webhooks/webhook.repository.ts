import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan, Not } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { selectEntities } from '../database/plain-select';
import { engineOf } from '../database/sql.util';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** All SQL of the webhook endpoints and their deliveries (the outbox and the delivery log). */
@Injectable()
export class WebhookRepository {
  constructor(private readonly db: DatabaseService) {}

  list(): Promise<WebhookEndpointEntity[]> {
    return this.db.manager.find(WebhookEndpointEntity, { order: { createdAt: 'ASC' } });
  }

  get(id: string, tx: EntityManager = this.db.manager): Promise<WebhookEndpointEntity | null> {
    return tx.findOne(WebhookEndpointEntity, { where: { id } });
  }

  /** Endpoints whose secret is still in plain text (written before secrets were sealed). */
  withPlainSecret(): Promise<WebhookEndpointEntity[]> {
    return this.db.manager.find(WebhookEndpointEntity, { where: { secretKey: IsNull() } });
  }

  /** Replaces a plain secret by its sealed form; false when the row changed or was sealed already. */
  async sealSecret(
    id: string,
    plain: string,
    sealed: { secret: ''; sealedSecret: string; secretKey: string },
  ): Promise<boolean> {
    const r = await this.db.transaction((tx) =>
      tx.update(WebhookEndpointEntity, { id, secret: plain, secretKey: IsNull() }, sealed),
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * Enabled endpoints that take this event type (read inside the event's transaction). Every
   * evidence append asks, so it is one prepared statement, not a query built anew by TypeORM.
   */
  async subscribers(tx: EntityManager, eventType: string): Promise<WebhookEndpointEntity[]> {
    const enabled = engineOf(tx) === 'mssql' ? 'enabled = 1' : 'enabled = TRUE';
    const rows = await selectEntities(tx, WebhookEndpointEntity, enabled, []);
    return rows.filter((r) => r.eventTypes.includes(eventType));
  }

  async insert(tx: EntityManager, row: WebhookEndpointEntity): Promise<void> {
    await tx.insert(WebhookEndpointEntity, row);
  }

  /** Replaces an endpoint; false when it is gone. */
  async replace(tx: EntityManager, row: WebhookEndpointEntity): Promise<boolean> {
    const { id, createdAt: _created, ...fields } = row;
    const r = await tx.update(WebhookEndpointEntity, { id }, fields);
    return (r.affected ?? 0) > 0;
  }

  /**
   * A rotation, as a conditional write: it wins only if the secret is still the one the rotation
   * read (two admins rotating at once: one wins, the other gets a conflict).
   */
  async rotateSecret(
    tx: EntityManager,
    before: WebhookEndpointEntity,
    fields: Pick<
      WebhookEndpointEntity,
      | 'secret'
      | 'sealedSecret'
      | 'secretKey'
      | 'previousSealedSecret'
      | 'previousSecretKey'
      | 'previousSecretUntil'
      | 'updatedAt'
    >,
  ): Promise<boolean> {
    const r = await tx.update(
      WebhookEndpointEntity,
      {
        id: before.id,
        secret: before.secret,
        sealedSecret: before.sealedSecret === null ? IsNull() : before.sealedSecret,
      },
      fields,
    );
    return (r.affected ?? 0) > 0;
  }

  /** Deletes an endpoint and its delivery log; false when it was already gone. */
  async remove(tx: EntityManager, id: string): Promise<boolean> {
    await tx.delete(WebhookDeliveryEntity, { endpointId: id });
    const r = await tx.delete(WebhookEndpointEntity, { id });
    return (r.affected ?? 0) > 0;
  }

  async insertDelivery(tx: EntityManager, row: WebhookDeliveryEntity): Promise<void> {
    await tx.insert(WebhookDeliveryEntity, row);
  }

  delivery(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.db.manager.findOne(WebhookDeliveryEntity, { where: { id } });
  }

  /** The delivery log of one endpoint, newest first; page with `before` (a createdAt). */
  deliveries(endpointId: string, limit: number, before?: Date): Promise<WebhookDeliveryEntity[]> {
    return this.db.manager.find(WebhookDeliveryEntity, {
      where: { endpointId, ...(before ? { createdAt: LessThan(before) } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Logs one attempt of a pending delivery; `delivered` ends it. False when it was no longer pending. */
  async recordAttempt(
    tx: EntityManager,
    id: string,
    attempt: { status: number | null; error: string | null; delivered: boolean; at: Date },
  ): Promise<boolean> {
    const r = await tx
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({
        attempts: () => 'attempts + 1',
        lastStatus: attempt.status,
        lastError: attempt.error?.slice(0, 1000) ?? null,
        lastAttemptAt: attempt.at,
        ...(attempt.delivered ? { state: 'delivered' as const, deliveredAt: attempt.at } : {}),
      })
      .where('id = :id AND state = :pending', { id, pending: 'pending' })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  /** Ends a pending delivery without success (`failed` after giving up, `dropped` when its endpoint went). */
  async finish(
    tx: EntityManager,
    id: string,
    state: 'failed' | 'dropped',
    error: string,
  ): Promise<boolean> {
    const r = await tx.update(
      WebhookDeliveryEntity,
      { id, state: 'pending' },
      { state, lastError: error.slice(0, 1000) },
    );
    return (r.affected ?? 0) > 0;
  }

  /** A success ends the endpoint's run of failures. */
  async markHealthy(tx: EntityManager, id: string): Promise<void> {
    await tx.update(
      WebhookEndpointEntity,
      { id, failingSince: Not(IsNull()) },
      { failingSince: null },
    );
  }

  /** Starts a run of failures unless one is running; returns when the run began. */
  async markFailing(tx: EntityManager, id: string, at: Date): Promise<Date | null> {
    await tx.update(WebhookEndpointEntity, { id, failingSince: IsNull() }, { failingSince: at });
    return (await this.get(id, tx))?.failingSince ?? null;
  }

  /** Disables an enabled endpoint; false when it was disabled or gone already. */
  async disable(tx: EntityManager, id: string, reason: string, at: Date): Promise<boolean> {
    const r = await tx
      .createQueryBuilder()
      .update(WebhookEndpointEntity)
      .set({ enabled: false, disabledReason: reason.slice(0, 500), updatedAt: at })
      .where('id = :id AND enabled = :on', { id, on: true })
      .execute();
    return (r.affected ?? 0) > 0;
  }
}
