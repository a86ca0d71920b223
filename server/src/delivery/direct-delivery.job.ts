import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService, partDigests } from '../messages/content.service';
import { MessageEntity } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { TRANSITIONS } from '../messages/recipient-lifecycle.rules';
import { RecipientEntity } from '../messages/recipient.entity';
import { RecipientRepository } from '../messages/recipient.repository';
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
import { JobQueue, type JobContext } from '../queue/job-queue';
import { PermanentJobError, type JobPayloads } from '../queue/job-types';
import { deliverToHost, type HostOutcome } from './mx-session.adapter';
import { OutboundSettings } from './outbound-settings';
import { PickupFallback } from './pickup-fallback.service';

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
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly tlsRpt: TlsRptService,
  ) {}

  onModuleInit(): void {
    this.queue.handle('deliver-direct', (p, context) => this.run(p, context), {
      maxAgeMs: this.config.delivery.lifetimeMs,
      retryDelayMs: (attempts) => deliveryRetryDelayMs(attempts, this.config.delivery.retryBaseMs),
      onGiveUp: (p, error, tx) => this.giveUp(p, error, tx),
    });
  }

  private async run(p: JobPayloads['deliver-direct'], context: JobContext): Promise<void> {
    const [message, recipient] = await Promise.all([
      this.messages.byId(p.messageId),
      this.recipients.byId(p.recipientId),
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
      const reason = decision.reasons[0];
      await this.fallback.fallBack(message, recipient, reason.message, {
        code: reason.code,
        details: (reason.details ?? []).map((d) => ({ code: d.code, host: d.host })),
      });
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
    const blobs = await this.db.transaction(async (tx) => {
      // The message row first, as every transaction that touches message and copy does.
      await this.messages.lock(tx, message.id);
      const { from, to } = TRANSITIONS.delivered;
      const won = await this.recipients.transition(tx, recipient.id, from, to, {
        handedOverAt: now,
      });
      if (!won) return [];
      await this.evidence.record(tx, {
        type: 'ContentConsignment',
        messageId: message.id,
        recipient: recipient.address,
        actor: 'system',
        digests: partDigests(parts),
        reason: `delivered directly to ${outcome.host} over ${outcome.protocol} (${outcome.cipher}), server authenticated by ${outcome.authentication}; reply: ${outcome.response.slice(0, 200)}`,
      });
      return this.content.closeIfUnneeded(tx, message.id, now, 'delivered to every recipient');
    });
    await this.content.finalise(message.id, blobs);
    this.metrics.outboundMail.inc({ kind: 'direct', outcome: 'sent' });
  }

  /** 5xx, or retries used up over the lifetime: the recipient's copy failed; the sender gets a DSN. */
  private async giveUp(
    p: JobPayloads['deliver-direct'],
    error: Error,
    tx: EntityManager,
  ): Promise<void> {
    const attempt = error as Partial<DeliveryAttemptError>;
    const kind: FailureKind =
      error instanceof PermanentJobError ? 'permanent' : (attempt.kind ?? 'temporary');
    const diagnostic = attempt.reply ?? error.message;
    await this.messages.lock(tx, p.messageId);
    const recipient = await this.recipients.byId(p.recipientId, tx);
    if (!recipient || recipient.route !== 'direct') return;
    const { from, to } = TRANSITIONS['delivery-failed'];
    if (!(await this.recipients.transition(tx, recipient.id, from, to))) return;
    await this.evidence.record(tx, {
      type: 'ContentConsignmentFailure',
      messageId: p.messageId,
      recipient: recipient.address,
      actor: 'system',
      reason: `${kind === 'permanent' ? 'refused' : 'not delivered within the delivery lifetime'}: ${error.message.slice(0, 400)}`,
    });
    await this.queue.enqueue(tx, 'send-dsn', {
      messageId: p.messageId,
      recipientId: recipient.id,
      status: enhancedStatus(kind === 'permanent' ? 'permanent' : 'temporary', diagnostic).replace(
        /^4/,
        '5',
      ),
      diagnostic: diagnostic.slice(0, 900),
      ...(attempt.host ? { remoteMta: attempt.host } : {}),
    });
    // The blobs of a message nobody needs any more are removed by the next sweep's review.
    await this.messages.reviewContentAt(tx, p.messageId, new Date());
  }
}
