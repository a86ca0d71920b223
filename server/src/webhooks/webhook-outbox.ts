import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EvidenceEventView } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EvidenceHooks } from '../evidence/evidence-hooks';
import { JobQueue } from '../queue/job-queue';
import { WebhookRepository } from './webhook.repository';

/** The body every endpoint receives for an event (Standard Webhooks: type, timestamp, data). */
export function webhookBody(event: EvidenceEventView): string {
  return JSON.stringify({ type: event.type, timestamp: event.time, data: event });
}

/**
 * The transactional outbox: in the transaction that appends an evidence event, one delivery row
 * and one job per subscribed endpoint. A delivery exists exactly when its event committed.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(
    private readonly hooks: EvidenceHooks,
    private readonly webhooks: WebhookRepository,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.hooks.onAppend((tx, event) => this.enqueue(tx, event));
  }

  async enqueue(tx: EntityManager, event: EvidenceEventView): Promise<void> {
    const endpoints = await this.webhooks.subscribers(tx, event.type);
    if (!endpoints.length) return;
    const body = webhookBody(event);
    for (const endpoint of endpoints) {
      const id = `msg_${randomUUID()}`;
      await this.webhooks.insertDelivery(tx, {
        id,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        body,
        state: 'pending',
        attempts: 0,
        lastStatus: null,
        lastError: null,
        lastAttemptAt: null,
        deliveredAt: null,
        createdAt: new Date(),
      });
      await this.queue.enqueue(tx, 'deliver-webhook', { deliveryId: id });
    }
  }
}
