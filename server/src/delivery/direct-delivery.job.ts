import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { RecipientState } from '@zegel/shared';
import { randomBytes } from 'node:crypto';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { MessageEntity } from '../messages/message.entity';
import { RecipientEntity } from '../messages/recipient.entity';
import { RecipientRouter } from '../policy/org-policy/recipient-router.service';
import { deliveryRequirements } from '../smarttls/policy/delivery-requirements.util';
import { TlsRptService } from '../tlsrpt/tlsrpt.service';
import {
  combineFailures,
  deliveryRetryDelayMs,
  enhancedStatus,
  type FailureKind,
} from './delivery-error.util';
import { composeDirectMessage } from './direct-message.composer';
import { dkimSignedFactory } from './dkim.signer';
import { JobQueue, type JobContext } from './job-queue';
import { PermanentJobError, type JobPayloads } from './job-types';
import { deliverToHost, type HostOutcome } from './mx-session.adapter';
import { OutboundSettings } from './outbound-settings';
import { PickupFallback } from './pickup-fallback.service';

/** Recipient states of the direct route (to be added to RecipientState in shared/src/api.ts). */
export const DELIVERED: RecipientState = 'delivered';
export const DELIVERY_FAILED: RecipientState = 'delivery-failed';

/** A failed attempt, with what the DSN needs if it turns out to be the last. */
export class DeliveryAttemptError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly reply?: string,
    readonly host?: string,
  ) {
    super(message);
    this.name = 'DeliveryAttemptError';
  }
}
export class PermanentDeliveryError extends PermanentJobError {
  constructor(
    message: string,
    readonly reply?: string,
    readonly host?: string,
  ) {
    super(message);
  }
}

/**
 * Direct delivery of a confidential message into the recipient's inbox. Each attempt re-reads the
 * route (policy and SmartTLS verdict may have changed), holds every session to the verdict, and
 * either delivers, retries (4xx, timeouts, connection failures) within the lifetime, ends in a DSN
 * (5xx), or — when the route stays unsafe — falls back to the pickup route. Never to plain mail.
 */
@Injectable()
export class DirectDeliveryJob implements OnModuleInit {
  private readonly logger = new Logger('delivery');

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly content: ContentService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly router: RecipientRouter,
    private readonly fallback: PickupFallback,
    private readonly metrics: MetricsService,
    private readonly session: OutboundSettings,
    private readonly tlsRpt: TlsRptService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('deliver-direct', (p, context) => this.run(p, context), {
      maxAgeMs: this.config.delivery.lifetimeMs,
      retryDelayMs: (attempts) => deliveryRetryDelayMs(attempts, this.config.delivery.retryBaseMs),
      onGiveUp: (p, error) => this.giveUp(p, error),
    });
  }

  private async run(p: JobPayloads['deliver-direct'], context: JobContext): Promise<void> {
    const [message, recipient] = await Promise.all([
      this.db.manager.findOne(MessageEntity, { where: { id: p.messageId } }),
      this.db.manager.findOne(RecipientEntity, { where: { id: p.recipientId } }),
    ]);
    if (!message || !recipient)
      throw new PermanentJobError('message or recipient no longer exists');
    // Delivered, revoked or fallen back already: a job run twice does nothing twice.
    if (recipient.state !== 'pending' || recipient.route !== 'direct') return;
    if (message.contentState !== 'stored')
      throw new PermanentJobError('the content was deleted before delivery');
    const age = Date.now() - context.createdAt.getTime();
    const mayFallBack = age >= this.config.delivery.directFallbackMs;

    const { decision, report } = await this.router.routeNow(
      message.classification,
      recipient.address,
    );
    if (decision.route === 'hold') throw new PermanentDeliveryError(decision.reasons[0].message);
    if (decision.route === 'pickup') {
      if (report?.verdict === 'defer' && !mayFallBack) {
        throw new DeliveryAttemptError('temporary', decision.reasons[0].message);
      }
      await this.fallback.fallBack(message, recipient, decision.reasons[0].message);
      this.metrics.outboundMail.inc({ kind: 'direct', outcome: 'pickup-fallback' });
      return;
    }

    const hosts = deliveryRequirements(report!, this.config.smarttls.caFile).hosts;
    const key = await this.content.dataKey(message.id);
    const meta = this.content.meta(message, key);
    const parts = await this.content.parts(message.id);
    const baseBoundary = randomBytes(8).toString('hex');
    const compose = await dkimSignedFactory(this.session.dkim, () =>
      composeDirectMessage({
        messageId: message.id,
        sender: message.sender,
        recipient: recipient.address,
        classification: message.classification,
        date: message.createdAt,
        meta,
        parts,
        open: (part) => this.content.open(part, key),
        idDomain: this.session.idDomain,
        baseBoundary,
      }),
    );

    const failures: Extract<HostOutcome, { ok: false }>[] = [];
    for (const host of hosts) {
      const outcome = await deliverToHost(
        { host: host.host, address: host.address, port: host.port, requirement: host },
        { from: this.session.bounceAddress, to: recipient.address },
        compose,
        this.session,
      );
      // TLS reporting (RFC 8460) counts sessions that met or failed the TLS policy.
      if (outcome.ok || outcome.kind === 'unsafe') {
        const session = outcome.ok ? { ok: true } : { ok: false, problem: outcome.problem };
        await this.tlsRpt
          .record(report!, { host: host.host, address: host.address, ...session })
          .catch((error: Error) => this.logger.warn({ problem: error.message }, 'TLSRPT count'));
      }
      if (outcome.ok) {
        await this.delivered(message, recipient, outcome, parts);
        return;
      }
      failures.push(outcome);
      this.logger.warn(
        { messageId: message.id, host: outcome.host, kind: outcome.kind, problem: outcome.problem },
        'direct delivery attempt failed',
      );
      if (outcome.kind === 'permanent') break;
    }
    const kind = combineFailures(failures.map((f) => f.kind));
    const last = failures.find((f) => f.kind === kind) ?? failures[failures.length - 1];
    const summary = failures.map((f) => `${f.host}: ${f.problem}`).join('; ') || 'no MX host';
    this.metrics.outboundMail.inc({ kind: 'direct', outcome: kind });
    if (kind === 'permanent')
      throw new PermanentDeliveryError(summary, last?.reply ?? last?.problem, last?.host);
    if (kind === 'unsafe' && mayFallBack) {
      await this.fallback.fallBack(
        message,
        recipient,
        `no session met the TLS requirements (${summary})`,
      );
      this.metrics.outboundMail.inc({ kind: 'direct', outcome: 'pickup-fallback' });
      return;
    }
    throw new DeliveryAttemptError(kind, summary, last?.reply ?? last?.problem, last?.host);
  }

  private async delivered(
    message: MessageEntity,
    recipient: RecipientEntity,
    outcome: Extract<HostOutcome, { ok: true }>,
    parts: { kind: string; index: number; sha256: string }[],
  ): Promise<void> {
    const now = new Date();
    const digests = Object.fromEntries(
      parts.map((p) => [
        p.kind === 'attachment' ? `attachment.${p.index}` : `body.${p.kind}`,
        p.sha256,
      ]),
    );
    await this.db.transaction(async (m) => {
      const result = await m.update(
        RecipientEntity,
        { id: recipient.id, state: 'pending' },
        { state: DELIVERED, handedOverAt: now, updatedAt: now },
      );
      if (!result.affected) return;
      await this.evidence.record(m, {
        type: 'ContentConsignment',
        messageId: message.id,
        recipient: recipient.address,
        actor: 'system',
        digests,
        reason: `delivered directly to ${outcome.host} over ${outcome.protocol} (${outcome.cipher}), server authenticated by ${outcome.authentication}; reply: ${outcome.response.slice(0, 200)}`,
      });
    });
    this.metrics.outboundMail.inc({ kind: 'direct', outcome: 'sent' });
  }

  /** 5xx, or retries used up over the lifetime: the recipient's copy failed; the sender gets a DSN. */
  private async giveUp(p: JobPayloads['deliver-direct'], error: Error): Promise<void> {
    const attempt = error as Partial<DeliveryAttemptError>;
    const kind: FailureKind =
      error instanceof PermanentJobError ? 'permanent' : (attempt.kind ?? 'temporary');
    const diagnostic = attempt.reply ?? error.message;
    await this.db.transaction(async (m) => {
      const recipient = await m.findOne(RecipientEntity, { where: { id: p.recipientId } });
      if (!recipient || recipient.state !== 'pending' || recipient.route !== 'direct') return;
      await m.update(
        RecipientEntity,
        { id: recipient.id },
        { state: DELIVERY_FAILED, updatedAt: new Date() },
      );
      await this.evidence.record(m, {
        type: 'ContentConsignmentFailure',
        messageId: p.messageId,
        recipient: recipient.address,
        actor: 'system',
        reason: `${kind === 'permanent' ? 'refused' : 'not delivered within the delivery lifetime'}: ${error.message.slice(0, 400)}`,
      });
      await this.queue.enqueue(m, 'send-dsn', {
        messageId: p.messageId,
        recipientId: recipient.id,
        status: enhancedStatus(
          kind === 'permanent' ? 'permanent' : 'temporary',
          diagnostic,
        ).replace(/^4/, '5'),
        diagnostic: diagnostic.slice(0, 900),
        ...(attempt.host ? { remoteMta: attempt.host } : {}),
      });
    });
    this.queue.poke();
  }
}
