import { Injectable, Logger } from '@nestjs/common';
import type { EvidenceEventType, PickupMessageView, RecipientState } from '@zegel/shared';
import { normaliseCeId } from '@zegel/shared';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { EntityManager } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../delivery/job-queue';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { ContentService } from '../messages/content.service';
import { canDownload, canRespond, canUnlock, contentStillNeeded } from '../messages/lifecycle';
import { MessagePartEntity } from '../messages/message-part.entity';
import { MessageEntity } from '../messages/message.entity';
import { RecipientEntity } from '../messages/recipient.entity';
import { hashCeId, hashToken, sameDigest } from '../messages/secrets.util';
import { VaultService } from '../vault/vault.service';
import {
  afterFailure,
  decideUnlock,
  isBlocked,
  lockedAfter,
  retryAfterSeconds,
} from './attempt-policy';
import { sanitizeMailHtml } from './html-sanitizer';
import { PickupIpFailureEntity } from './pickup-ip-failure.entity';
import { PickupSessionEntity } from './pickup-session.entity';

const DENIED = () =>
  new ZegelError(
    'PICKUP_DENIED',
    'This code does not open this message, or the link is no longer valid.',
  );

/** A refusal because the address is blocked; carries the Retry-After seconds. */
export class PickupBlockedError extends ZegelError {
  constructor(readonly retryAfter: number) {
    super('PICKUP_BLOCKED', 'Too many wrong codes from this address. Try again later.');
  }
}

export interface PickupContext {
  recipient: RecipientEntity;
  message: MessageEntity;
}

/** The recipient's side: unlock with the CE-ID, read, download, accept or decline. */
@Injectable()
export class PickupService {
  private readonly logger = new Logger('pickup');

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
  ) {}

  /** Checks the CE-ID; on success opens a session and returns its secret for the cookie. */
  async unlock(
    token: string,
    ceIdInput: unknown,
    ip: string,
  ): Promise<{ session: string; view: PickupMessageView }> {
    if (typeof ceIdInput !== 'string' || ceIdInput.length > 64) {
      throw new ZegelError('VALIDATION_FAILED', 'Send the CE-ID as {"ceId": "XXX-XXX-XXX"}.');
    }
    const now = new Date();
    const ipRecord = await this.db.manager.findOne(PickupIpFailureEntity, { where: { ip } });
    if (ipRecord && isBlocked(ipRecord, now))
      throw new PickupBlockedError(retryAfterSeconds(ipRecord, now));

    const recipient = await this.findByToken(token);
    const pepper = this.vault.keys.getOrCreateSecret('ceid-pepper');
    const normalised = normaliseCeId(ceIdInput);
    // Hash even when the link is unknown or the code malformed, so timing tells nothing.
    const candidate = hashCeId(pepper, recipient?.id ?? 'unknown', normalised ?? 'invalid');
    const codeMatches =
      !!recipient && normalised !== null && sameDigest(candidate, recipient.ceIdHash);
    const message = recipient
      ? await this.db.manager.findOne(MessageEntity, { where: { id: recipient.messageId } })
      : null;
    const openable =
      !!recipient &&
      !!message &&
      canUnlock(recipient.state) &&
      message.contentState === 'stored' &&
      (recipient.state === 'accepted' ? canDownload(recipient, now) : message.expiresAt > now);
    const outcome = decideUnlock({ found: !!recipient, codeMatches, openable });

    if (outcome === 'deny-and-count') {
      await this.countFailure(ip, recipient, now);
      throw DENIED();
    }
    if (outcome === 'deny') throw DENIED();

    const session = randomBytes(32).toString('base64url');
    await this.db.transaction(async (m) => {
      await m.delete(PickupIpFailureEntity, { ip });
      await m.insert(PickupSessionEntity, {
        id: hashToken(session),
        recipientId: recipient!.id,
        expiresAt: new Date(now.getTime() + this.config.pickup.sessionMinutes * 60_000),
      });
      if (recipient!.state !== 'handed-over' && recipient!.state !== 'accepted') {
        await this.transition(m, recipient!, 'handed-over', { handedOverAt: now });
        const event = await this.evidence.record(m, {
          type: 'ContentHandover',
          messageId: message!.id,
          recipient: recipient!.address,
          actor: `recipient:${recipient!.address}`,
          ip,
          digests: await this.digests(m, message!.id),
          reason: 'unlocked with the CE-ID; content shown',
        });
        await this.queue.enqueue(
          m,
          'send-receipt',
          receiptJob(message!.id, recipient!.id, event.seq, event.type),
        );
      } else {
        await this.evidence.record(m, {
          type: 'ContentAccessTracking',
          messageId: message!.id,
          recipient: recipient!.address,
          actor: `recipient:${recipient!.address}`,
          ip,
          reason: 'opened again with the CE-ID',
        });
      }
    });
    this.queue.poke();
    return {
      session,
      view: await this.view({ recipient: (await this.findByToken(token))!, message: message! }),
    };
  }

  /** The unlocked recipient for this link and session cookie, or PICKUP_SESSION_REQUIRED. */
  async context(token: string, session: string | undefined): Promise<PickupContext> {
    const recipient = await this.findByToken(token);
    const row =
      session && recipient
        ? await this.db.manager.findOne(PickupSessionEntity, { where: { id: hashToken(session) } })
        : null;
    if (!recipient || !row || row.recipientId !== recipient.id || row.expiresAt <= new Date()) {
      throw new ZegelError('PICKUP_SESSION_REQUIRED', 'Enter the CE-ID to open this message.');
    }
    const message = await this.db.manager.findOneOrFail(MessageEntity, {
      where: { id: recipient.messageId },
    });
    if (!canDownload(recipient, new Date()) || message.contentState !== 'stored') {
      throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    }
    return { recipient, message };
  }

  async view({ recipient, message }: PickupContext): Promise<PickupMessageView> {
    const key = await this.content.dataKey(message.id);
    const meta = this.content.meta(message, key);
    const parts = await this.content.parts(message.id);
    const html = parts.find((p) => p.kind === 'html');
    const text = parts.find((p) => p.kind === 'text');
    return {
      messageId: message.id,
      sender: message.sender,
      subject: meta.subject,
      sentAt: message.createdAt.toISOString(),
      expiresAt: (recipient.state === 'accepted' && recipient.retainUntil
        ? recipient.retainUntil
        : message.expiresAt
      ).toISOString(),
      html: html ? sanitizeMailHtml(await this.content.readText(html, key)) : null,
      text: text ? await this.content.readText(text, key) : null,
      body: { html: html?.sha256, text: text?.sha256 },
      attachments: parts
        .filter((p) => p.kind === 'attachment')
        .map((p) => ({
          index: p.index,
          name: meta.attachments[p.index]?.name ?? `attachment-${p.index + 1}`,
          size: p.size,
          contentType: p.contentType,
          sha256: p.sha256,
        })),
      state: recipient.state,
      canRespond: canRespond(recipient.state),
    };
  }

  async attachment(
    ctx: PickupContext,
    index: number,
    ip: string,
  ): Promise<{ name: string; size: number; stream: Readable }> {
    const part = await this.db.manager.findOne(MessagePartEntity, {
      where: { messageId: ctx.message.id, kind: 'attachment', index },
    });
    if (!part) throw new ZegelError('NOT_FOUND', 'No such attachment.');
    const key = await this.content.dataKey(ctx.message.id);
    const name =
      this.content.meta(ctx.message, key).attachments[index]?.name ?? `attachment-${index + 1}`;
    await this.db.transaction((m) =>
      this.evidence.record(m, {
        type: 'ContentAccessTracking',
        messageId: ctx.message.id,
        recipient: ctx.recipient.address,
        actor: `recipient:${ctx.recipient.address}`,
        ip,
        digests: { [`attachment.${index}`]: part.sha256 },
        reason: 'attachment downloaded',
      }),
    );
    return { name, size: part.size, stream: this.content.open(part, key) };
  }

  /** The whole message as RFC 5322 (.eml), built as a stream from the decrypted parts. */
  async eml(ctx: PickupContext, ip: string): Promise<Readable> {
    const key = await this.content.dataKey(ctx.message.id);
    const meta = this.content.meta(ctx.message, key);
    const parts = await this.content.parts(ctx.message.id);
    const html = parts.find((p) => p.kind === 'html');
    const text = parts.find((p) => p.kind === 'text');
    await this.db.transaction((m) =>
      this.evidence.record(m, {
        type: 'ContentAccessTracking',
        messageId: ctx.message.id,
        recipient: ctx.recipient.address,
        actor: `recipient:${ctx.recipient.address}`,
        ip,
        reason: 'whole message downloaded (.eml)',
      }),
    );
    const composer = new MailComposer({
      from: ctx.message.sender,
      to: ctx.recipient.address,
      subject: meta.subject,
      date: ctx.message.createdAt,
      messageId: `<${ctx.message.id}@zegel>`,
      ...(html ? { html: this.content.open(html, key) } : {}),
      ...(text ? { text: this.content.open(text, key) } : {}),
      attachments: parts
        .filter((p) => p.kind === 'attachment')
        .map((p) => ({
          filename: meta.attachments[p.index]?.name,
          contentType: p.contentType,
          content: this.content.open(p, key),
        })),
      headers: { 'X-Zegel-Message-Id': ctx.message.id },
    });
    return composer.compile().createReadStream();
  }

  async respond(
    ctx: PickupContext,
    decision: 'accept' | 'decline',
    ip: string,
  ): Promise<{ state: RecipientState }> {
    if (!canRespond(ctx.recipient.state)) {
      throw new ZegelError(
        'CONFLICT',
        `This message was already ${ctx.recipient.state === 'accepted' ? 'accepted' : 'answered'}.`,
      );
    }
    const now = new Date();
    let removeAfter: string[] = [];
    const state: RecipientState = decision === 'accept' ? 'accepted' : 'declined';
    await this.db.transaction(async (m) => {
      const fresh = await m.findOneOrFail(RecipientEntity, { where: { id: ctx.recipient.id } });
      if (!canRespond(fresh.state))
        throw new ZegelError('CONFLICT', 'This message was already answered.');
      const retainUntil =
        decision === 'accept'
          ? new Date(now.getTime() + this.config.retention.graceHours * 3_600_000)
          : null;
      await this.transition(m, fresh, state, { retainUntil });
      const event = await this.evidence.record(m, {
        type: decision === 'accept' ? 'ConsignmentAcceptance' : 'ConsignmentRejection',
        messageId: ctx.message.id,
        recipient: fresh.address,
        actor: `recipient:${fresh.address}`,
        ip,
        digests: await this.digests(m, ctx.message.id),
        reason: decision === 'accept' ? 'accepted by the recipient' : 'declined by the recipient',
      });
      await this.queue.enqueue(
        m,
        'send-receipt',
        receiptJob(ctx.message.id, fresh.id, event.seq, event.type),
      );
      if (decision === 'decline') {
        await m.delete(PickupSessionEntity, { recipientId: fresh.id });
        const all = await m.find(RecipientEntity, { where: { messageId: ctx.message.id } });
        if (!contentStillNeeded(all, now)) {
          removeAfter = await this.content.destroyWithin(
            m,
            ctx.message.id,
            'declined by the last recipient who needed it',
          );
        }
      }
    });
    await this.content.removeBlobs(ctx.message.id, removeAfter);
    this.queue.poke();
    return { state };
  }

  private async countFailure(
    ip: string,
    recipient: RecipientEntity | null,
    now: Date,
  ): Promise<void> {
    this.metrics.pickupFailures.inc();
    await this.db.transaction(async (m) => {
      const existing = await m.findOne(PickupIpFailureEntity, { where: { ip } });
      const next = afterFailure(existing, now, this.config.pickup);
      await m.save(PickupIpFailureEntity, { ip, ...next });
      if (next.blockedUntil) this.logger.warn({ ip }, 'address blocked after wrong CE-IDs');
      if (recipient) {
        const fresh = await m.findOneOrFail(RecipientEntity, { where: { id: recipient.id } });
        const failedAttempts = fresh.failedAttempts + 1;
        await m.update(RecipientEntity, { id: fresh.id }, { failedAttempts });
        if (
          lockedAfter(failedAttempts, this.config.pickup) &&
          canUnlock(fresh.state) &&
          fresh.state !== 'locked'
        ) {
          await this.transition(m, fresh, 'locked', {});
          await this.evidence.record(m, {
            type: 'ContentHandoverFailure',
            messageId: fresh.messageId,
            recipient: fresh.address,
            actor: 'system',
            ip,
            reason: `locked after ${failedAttempts} wrong CE-IDs`,
          });
        }
      }
    });
  }

  private async transition(
    m: EntityManager,
    r: RecipientEntity,
    state: RecipientState,
    extra: Partial<RecipientEntity>,
  ): Promise<void> {
    await m.update(RecipientEntity, { id: r.id }, { state, updatedAt: new Date(), ...extra });
  }

  private async digests(m: EntityManager, messageId: string): Promise<Record<string, string>> {
    const parts = await m.find(MessagePartEntity, { where: { messageId } });
    return Object.fromEntries(
      parts.map((p) => [
        p.kind === 'attachment' ? `attachment.${p.index}` : `body.${p.kind}`,
        p.sha256,
      ]),
    );
  }

  private findByToken(token: string): Promise<RecipientEntity | null> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return Promise.resolve(null);
    return this.db.manager.findOne(RecipientEntity, { where: { tokenHash: hashToken(token) } });
  }

  /** Removes sessions and address records that no longer matter. */
  async purge(now: Date): Promise<void> {
    const stale = new Date(now.getTime() - this.config.pickup.blockMinutes * 60_000);
    await this.db.transaction(async (m) => {
      // delete() criteria skip column transformers, so times are compared as ISO text here.
      await m
        .createQueryBuilder()
        .delete()
        .from(PickupSessionEntity)
        .where('"expiresAt" < :now', { now: now.toISOString() })
        .execute();
      await m
        .createQueryBuilder()
        .delete()
        .from(PickupIpFailureEntity)
        .where('"windowStart" < :stale', { stale: stale.toISOString() })
        .andWhere('("blockedUntil" IS NULL OR "blockedUntil" < :now)', { now: now.toISOString() })
        .execute();
    });
  }
}

function receiptJob(
  messageId: string,
  recipientId: string,
  eventSeq: number,
  eventType: EvidenceEventType,
) {
  return { messageId, recipientId, eventSeq, eventType };
}
