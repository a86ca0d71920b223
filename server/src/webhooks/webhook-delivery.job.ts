import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { rootCertificates } from 'node:tls';
import { OutboundGuard } from '../common/net/outbound-guard';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, RetryLaterError } from '../queue/job-types';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { sendWebhook, type WebhookOutcome, type WebhookSendSettings } from './webhook-sender';
import { backoffMs, shouldDisable } from './webhook.rules';
import { WebhookRepository } from './webhook.repository';
import { WebhookSecrets } from './webhook-secrets';

/**
 * Works off `deliver-webhook` jobs: one signed POST per attempt, the outcome logged on the
 * delivery, retries with backoff until ZEGEL_WEBHOOK_RETRY_HOURS, and the endpoint disabled once
 * it has failed for ZEGEL_WEBHOOK_DISABLE_AFTER_DAYS without a single success.
 */
@Injectable()
export class WebhookDeliveryJob implements OnModuleInit {
  private readonly logger = new Logger('webhooks');
  private readonly ca?: string[];

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly queue: JobQueue,
    private readonly webhooks: WebhookRepository,
    private readonly evidence: EvidenceService,
    private readonly secrets: WebhookSecrets,
  ) {
    const caFile = config.smarttls.caFile;
    this.ca = caFile ? [...rootCertificates, readFileSync(caFile, 'utf8')] : undefined;
  }

  onModuleInit(): void {
    const { retryBaseMs, retryMs } = this.config.webhooks;
    this.queue.handle('deliver-webhook', (payload, ctx) => this.run(payload.deliveryId, ctx), {
      maxAgeMs: retryMs,
      retryDelayMs: (attempts) => backoffMs(retryBaseMs, attempts),
      onGiveUp: async ({ deliveryId }, error, tx) => {
        await this.webhooks.finish(tx, deliveryId, 'failed', error.message);
      },
    });
  }

  /** How one endpoint is reached: the global allowance plus the endpoint's own. */
  settings(endpoint: WebhookEndpointEntity): WebhookSendSettings {
    return {
      guard: OutboundGuard.fromList([
        ...this.config.outbound.privateTargetsAllowed,
        ...endpoint.allowedPrivateTargets,
      ]),
      resolve: async (host) =>
        (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
      ca: this.ca,
      timeoutMs: this.config.webhooks.timeoutMs,
      allowHttp: this.config.authMode === 'dev',
    };
  }

  private async run(deliveryId: string, ctx: JobContext): Promise<void> {
    const delivery = await this.webhooks.delivery(deliveryId);
    if (!delivery || delivery.state !== 'pending') return;
    const endpoint = await this.webhooks.get(delivery.endpointId);
    if (!endpoint?.enabled) {
      await this.db.transaction((tx) =>
        this.webhooks.finish(tx, deliveryId, 'dropped', 'the endpoint is disabled or deleted'),
      );
      return;
    }
    const at = () => new Date();
    const secrets = await this.secrets.signingSecrets(endpoint, at());
    let outcome: WebhookOutcome | undefined;
    await ctx.once(
      'post',
      async () => {
        outcome = await sendWebhook(
          { url: endpoint.url, id: delivery.id, body: delivery.body, secrets },
          this.settings(endpoint),
        );
        if (!outcome.ok) await this.failed(endpoint, deliveryId, outcome, at());
      },
      async (tx) => {
        await this.webhooks.recordAttempt(tx, deliveryId, {
          status: outcome?.ok ? outcome.status : null,
          error: null,
          delivered: true,
          at: at(),
        });
        await this.webhooks.markHealthy(tx, endpoint.id);
      },
    );
  }

  /** Logs a failed attempt, disables a long-failing endpoint, and throws for the queue to retry. */
  private async failed(
    endpoint: WebhookEndpointEntity,
    deliveryId: string,
    outcome: Extract<WebhookOutcome, { ok: false }>,
    at: Date,
  ): Promise<never> {
    const disabled = await this.db.transaction(async (tx) => {
      await this.webhooks.recordAttempt(tx, deliveryId, {
        status: outcome.status,
        error: outcome.error,
        delivered: false,
        at,
      });
      const since = await this.webhooks.markFailing(tx, endpoint.id, at);
      if (!shouldDisable(since, at, this.config.webhooks.disableAfterMs)) return false;
      const reason = `every delivery failed since ${since!.toISOString()} (last: ${outcome.error})`;
      if (!(await this.webhooks.disable(tx, endpoint.id, reason, at))) return false;
      await this.evidence.recordConfigurationChange(tx, {
        actor: 'system',
        action: 'webhook.disable',
        target: `webhook/${endpoint.id}`,
        before: { enabled: true },
        after: { enabled: false, disabledReason: reason },
        reason: 'failing too long',
      });
      return true;
    });
    if (disabled) {
      this.logger.warn(
        { endpoint: endpoint.id },
        'webhook endpoint disabled after days of failure',
      );
      throw new PermanentJobError(`the endpoint was disabled: ${outcome.error}`);
    }
    if (outcome.permanent) throw new PermanentJobError(outcome.error);
    if (outcome.retryAfterMs !== undefined)
      throw new RetryLaterError(outcome.error, outcome.retryAfterMs);
    throw new Error(outcome.error);
  }
}
