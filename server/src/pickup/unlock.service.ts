import { Injectable, Logger } from '@nestjs/common';
import type { PickupMessageView } from '@zegel/shared';
import { normaliseCeId } from '@zegel/shared';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { MessageEntity } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { partDigests } from '../messages/content.service';
import { canDownload, canUnlock, TRANSITIONS } from '../messages/recipient-lifecycle.rules';
import { RecipientEntity } from '../messages/recipient.entity';
import { RecipientRepository } from '../messages/recipient.repository';
import { CeIdSecrets } from '../messages/ceid-secrets.service';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { JobQueue } from '../queue/job-queue';
import {
  blocksAddress,
  clientKey,
  copyTakesCodes,
  decideUnlock,
  locksCopy,
  mayJudge,
  retryAfterSeconds,
} from './attempt-policy';
import { PickupAttemptRepository } from './pickup-attempt.repository';
import { PickupReader } from './pickup-reader.service';

/**
 * Every refusal takes at least this long, whatever work was behind it, so a caller cannot tell a
 * known link from an unknown one by the time the answer takes. It also slows guessing.
 */
const REFUSAL_FLOOR_MS = 120;
/** A copy id no recipient has: unknown links do the same counting work as known ones. */
const NO_COPY = '00000000-0000-0000-0000-000000000000';

export const denied = () =>
  new ZegelError(
    'PICKUP_DENIED',
    'This code does not open this message, or the link is no longer valid.',
  );

export const noLongerAvailable = () =>
  new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');

/** A refusal because the address is blocked; carries the Retry-After seconds. */
export class PickupBlockedError extends ZegelError {
  constructor(readonly retryAfter: number) {
    super('PICKUP_BLOCKED', 'Too many wrong codes from this address. Try again later.');
  }
}

/** The recipient opens a copy with the link and the CE-ID; counts and limits every attempt. */
@Injectable()
export class UnlockService {
  private readonly logger = new Logger('pickup');

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
    private readonly attempts: PickupAttemptRepository,
    private readonly recipients: RecipientRepository,
    private readonly messages: MessageRepository,
    private readonly secrets: CeIdSecrets,
    private readonly reader: PickupReader,
    private readonly policies: OrgPolicyService,
  ) {}

  /** The organisation's limits (from the database) with the block time from the configuration. */
  private async attemptPolicy() {
    const limits = await this.policies.pickupLimits();
    return {
      blockMinutes: this.config.pickup.blockMinutes,
      ipFailures: limits.wrongCodesPerAddress,
      messageFailures: limits.wrongCodesPerCopy,
    };
  }

  async unlock(
    token: string,
    ceIdInput: unknown,
    ip: string,
  ): Promise<{ session: string; view: PickupMessageView }> {
    if (typeof ceIdInput !== 'string' || ceIdInput.length > 64) {
      throw new ZegelError('VALIDATION_FAILED', 'Send the CE-ID as {"ceId": "XXX-XXX-XXX"}.');
    }
    const started = Date.now();
    try {
      return await this.attempt(token, ceIdInput, ip);
    } catch (error) {
      this.metrics.pickupFailures.inc();
      await sleep(Math.max(0, started + REFUSAL_FLOOR_MS - Date.now()));
      throw error;
    }
  }

  private async attempt(token: string, ceIdInput: string, ip: string) {
    const policy = await this.attemptPolicy();
    const now = new Date();
    const key = clientKey(ip);
    const windowMs = policy.blockMinutes * 60_000;
    const count = await this.attempts.countAttempt(key, now, windowMs);
    if (!mayJudge(count, now, policy)) {
      throw new PickupBlockedError(retryAfterSeconds(count.blockedUntil, now, policy));
    }
    // From here on, known and unknown links do the same queries and the same hashing.
    const recipient = await this.recipients.byTokenHash(this.secrets.tokenHash(token));
    const copyAttempts = await this.recipients.reserveAttempt(recipient?.id ?? NO_COPY);
    const message = await this.messages.byId(recipient?.messageId ?? NO_COPY);
    const normalised = normaliseCeId(ceIdInput);
    const codeMatches = this.secrets.codeMatches(
      recipient?.id ?? NO_COPY,
      normalised,
      recipient?.ceIdHash,
    );
    if (recipient && !copyTakesCodes(copyAttempts, policy)) throw denied();
    const openable =
      !!recipient &&
      !!message &&
      message.contentState === 'stored' &&
      openableNow(recipient, message, now);
    const outcome = decideUnlock({
      found: !!recipient,
      codeMatches: !!recipient && codeMatches,
      openable,
      finished: !!recipient && recipient.state !== 'locked',
    });
    if (outcome === 'deny-and-count') {
      await this.wrongCode(key, count.attempts, recipient, copyAttempts, ip, now);
      throw denied();
    }
    if (outcome === 'deny' || outcome === 'closed') {
      // A right code for a copy that cannot be opened (any more) is no guess: its attempts go back.
      await this.db.transaction(async (tx) => {
        await this.attempts.giveBack(tx, key);
        await this.recipients.releaseAttempt(tx, recipient!.id);
      });
      throw outcome === 'closed' ? noLongerAvailable() : denied();
    }
    const session = randomBytes(32).toString('base64url');
    const opened = await this.open(recipient!, message!, key, session, ip, now);
    if (!opened) throw denied();
    this.queue.poke();
    return { session, view: await this.reader.view({ recipient: opened, message: message! }) };
  }

  /** Hands the content over (first time) or tracks the access (again), and opens a session. */
  private open(
    recipient: RecipientEntity,
    message: MessageEntity,
    key: string,
    session: string,
    ip: string,
    now: Date,
  ): Promise<RecipientEntity | null> {
    return this.db.transaction(async (tx) => {
      await this.attempts.giveBack(tx, key);
      await this.recipients.releaseAttempt(tx, recipient.id);
      const { from, to } = TRANSITIONS['code-accepted'];
      const first = await this.recipients.transition(tx, recipient.id, from, to, {
        handedOverAt: now,
      });
      const fresh = await this.recipients.byId(recipient.id, tx);
      if (!fresh || !canDownload(fresh, now)) return null;
      await this.attempts.openSession(
        tx,
        this.secrets.tokenHash(session),
        fresh.id,
        new Date(now.getTime() + this.config.pickup.sessionMinutes * 60_000),
      );
      const actor = `recipient:${fresh.address}`;
      if (first) {
        const event = await this.evidence.record(tx, {
          type: 'ContentHandover',
          messageId: message.id,
          recipient: fresh.address,
          actor,
          ip,
          digests: partDigests(await this.messages.parts(message.id, tx)),
          reason: 'unlocked with the CE-ID; content shown',
        });
        await this.queue.enqueue(tx, 'send-receipt', {
          messageId: message.id,
          recipientId: fresh.id,
          eventId: event.id,
          eventType: event.type,
        });
      } else {
        await this.evidence.record(tx, {
          type: 'ContentAccessTracking',
          messageId: message.id,
          recipient: fresh.address,
          actor,
          ip,
          reason: 'opened again with the CE-ID',
        });
      }
      return fresh;
    });
  }

  /** A judged wrong code: evidence on a known copy, then the block and the lock when due. */
  private async wrongCode(
    key: string,
    addressAttempts: number,
    recipient: RecipientEntity | null,
    copyAttempts: number,
    ip: string,
    now: Date,
  ): Promise<void> {
    const policy = await this.attemptPolicy();
    const blocked =
      blocksAddress(addressAttempts, policy) &&
      (await this.attempts.block(key, new Date(now.getTime() + policy.blockMinutes * 60_000), now));
    if (blocked) this.logger.warn({ ip }, 'address blocked after wrong CE-IDs');
    if (!recipient) {
      // A wrong code for a link that does not exist concerns no message and is not evidence (or
      // strangers could fill the log); the block it causes is, once per block.
      if (blocked)
        await this.db.transaction((tx) =>
          this.evidence.record(tx, {
            type: 'ContentHandoverFailure',
            messageId: null,
            actor: 'system',
            ip,
            reason: `address blocked for ${policy.blockMinutes} minutes after wrong CE-IDs`,
          }),
        );
      return;
    }
    await this.db.transaction(async (tx) => {
      const facts = [
        `wrong CE-ID (${copyAttempts} of ${policy.messageFailures} for this copy)`,
        ...(blocked ? [`address blocked for ${policy.blockMinutes} minutes`] : []),
      ];
      const { from, to } = TRANSITIONS.lock;
      const locked =
        locksCopy(copyAttempts, policy) &&
        (await this.recipients.transition(tx, recipient.id, from, to));
      if (locked) facts.push(`copy locked after ${copyAttempts} wrong CE-IDs`);
      await this.evidence.record(tx, {
        type: 'ContentHandoverFailure',
        messageId: recipient.messageId,
        recipient: recipient.address,
        actor: 'system',
        ip,
        reason: facts.join('; '),
      });
    });
  }
}

function openableNow(recipient: RecipientEntity, message: MessageEntity, now: Date): boolean {
  if (!canUnlock(recipient.state)) return false;
  return recipient.state === 'accepted' ? canDownload(recipient, now) : message.expiresAt > now;
}
