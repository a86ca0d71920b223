import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { In, LessThanOrEqual } from 'typeorm';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../delivery/job-queue';
import { EvidenceService } from '../evidence/evidence.service';
import { PickupService } from '../pickup/pickup.service';
import { ContentService } from './content.service';
import { contentStillNeeded, isWaiting } from './lifecycle';
import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';

const BATCH = 100;

/**
 * The scheduled sweep: recipients who did not collect before the retrieval period ended expire
 * (with evidence and a receipt), and content nobody needs any more is destroyed. Safe to run in
 * several processes at once: each change re-checks the state inside its transaction.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly pickup: PickupService,
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

  /** One pass; concurrent calls share the pass in progress. */
  sweep(now = new Date()): Promise<void> {
    this.running ??= this.pass(now)
      .catch((error: unknown) => this.logger.error({ err: error }, 'retention sweep failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(now: Date): Promise<void> {
    const due = await this.db.manager.find(MessageEntity, {
      where: { contentState: 'stored', expiresAt: LessThanOrEqual(now) },
      take: BATCH,
    });
    for (const message of due) await this.expire(message, now);
    const stored = await this.db.manager.find(MessageEntity, {
      where: { contentState: 'stored' },
      select: ['id'],
    });
    for (const { id } of stored) await this.deleteIfUnneeded(id, now);
    await this.pickup.purge(now);
    this.queue.poke();
  }

  private async expire(message: MessageEntity, now: Date): Promise<void> {
    const blobIds = await this.db.transaction(async (m) => {
      const recipients = await m.find(RecipientEntity, { where: { messageId: message.id } });
      for (const r of recipients.filter((x) => isWaiting(x.state))) {
        await m.update(RecipientEntity, { id: r.id }, { state: 'expired', updatedAt: now });
        const event = await this.evidence.record(m, {
          type: 'AcceptanceRejectionExpiry',
          messageId: message.id,
          recipient: r.address,
          actor: 'system',
          reason: `not collected before ${message.expiresAt.toISOString()}`,
        });
        await this.queue.enqueue(m, 'send-receipt', {
          messageId: message.id,
          recipientId: r.id,
          eventSeq: event.seq,
          eventType: event.type,
        });
      }
      return this.content.destroyWithin(m, message.id, 'retrieval period ended');
    });
    await this.content.removeBlobs(message.id, blobIds);
  }

  private async deleteIfUnneeded(messageId: string, now: Date): Promise<void> {
    const recipients = await this.db.manager.find(RecipientEntity, {
      where: { messageId: In([messageId]) },
    });
    if (contentStillNeeded(recipients, now)) return;
    await this.content.destroy(
      messageId,
      'retrieved, declined or closed for every recipient; grace period over',
    );
  }
}
