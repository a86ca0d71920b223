import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { LeaderLock } from '../database/leader-lock.service';
import { EvidenceService } from '../evidence/evidence.service';
import { PickupAttemptRepository } from '../pickup/pickup-attempt.repository';
import { JobQueue } from '../queue/job-queue';
import { ContentService } from './content.service';
import { MessageRepository } from './message.repository';
import { TRANSITIONS } from './recipient-lifecycle.rules';
import { RecipientRepository } from './recipient.repository';

const BATCH = 100;

/**
 * The scheduled sweep: copies not collected before the retrieval period ended expire (with
 * evidence and a receipt), and content nobody needs any more is destroyed. One instance sweeps at a
 * time (a leader lock), it finds its work by index, and every change is still a conditional
 * transition, so even two sweeps at once record each expiry exactly once.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly leader: LeaderLock,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly attempts: PickupAttemptRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep(),
      this.config.retention.sweepIntervalSeconds * 1000,
    );
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass, if this instance is the sweep's leader now; concurrent calls share the pass. */
  sweep(now = new Date()): Promise<void> {
    this.running ??= this.leader
      .runAsLeader('retention-sweep', () => this.pass(now))
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'retention sweep failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    for (let ids = await this.messages.expiredIds(now, BATCH); ids.length;) {
      for (const id of ids) await this.expire(id, now);
      ids = ids.length === BATCH ? await this.messages.expiredIds(now, BATCH) : [];
    }
    for (let ids = await this.messages.dueForReviewIds(now, BATCH); ids.length;) {
      for (const id of ids) await this.review(id, now);
      ids = ids.length === BATCH ? await this.messages.dueForReviewIds(now, BATCH) : [];
    }
    await this.attempts.purge(now, this.config.pickup.blockMinutes * 60_000);
    this.queue.poke();
  }

  /** Every copy still waiting expires; then the content goes. */
  private async expire(messageId: string, now: Date): Promise<void> {
    const blobs = await this.db.transaction(async (tx) => {
      const message = await this.messages.lock(tx, messageId);
      if (!message || message.contentState !== 'stored') return [];
      const { from, to } = TRANSITIONS.expire;
      for (const copy of await this.recipients.ofMessage(messageId, tx)) {
        if (!(await this.recipients.transition(tx, copy.id, from, to))) continue;
        const event = await this.evidence.record(tx, {
          type: 'AcceptanceRejectionExpiry',
          messageId,
          recipient: copy.address,
          actor: 'system',
          reason: `not collected before ${message.expiresAt.toISOString()}`,
        });
        await this.queue.enqueue(tx, 'send-receipt', {
          messageId,
          recipientId: copy.id,
          eventId: event.id,
          eventType: event.type,
        });
      }
      return this.content.destroyWithin(tx, messageId, now, 'retrieval period ended');
    });
    await this.content.finalise(messageId, blobs);
  }

  /** A grace period ended: the content goes unless another copy still needs it. */
  private async review(messageId: string, now: Date): Promise<void> {
    const blobs = await this.db.transaction((tx) =>
      this.content.closeIfUnneeded(
        tx,
        messageId,
        now,
        'retrieved, declined or closed for every recipient; grace period over',
      ),
    );
    await this.content.finalise(messageId, blobs);
  }
}
