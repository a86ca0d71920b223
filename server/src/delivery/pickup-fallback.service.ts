import { Injectable } from '@nestjs/common';
import type { CeIdChannel } from '@zegel/shared';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { CeIdSecrets } from '../messages/ceid-secrets.service';
import { ContentService } from '../messages/content.service';
import type { MessageEntity } from '../messages/message.entity';
import type { RecipientEntity } from '../messages/recipient.entity';
import { RecipientRepository } from '../messages/recipient.repository';
import {
  sealSenderCodes,
  secretsContext,
  type RecipientSecrets,
} from '../messages/sealed-payloads';
import { JobQueue } from '../queue/job-queue';
import { VaultService } from '../vault/vault.service';
import type { PickupWhy } from './route-explanation';

/**
 * A direct route that is not safe becomes the pickup route: a fresh link and CE-ID for the
 * recipient, the notification queued, and — when the sender passes codes on — the code to the
 * sender. The content never goes out by plain mail.
 */
@Injectable()
export class PickupFallback {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly content: ContentService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly secrets: CeIdSecrets,
    private readonly recipients: RecipientRepository,
  ) {}

  async fallBack(
    message: MessageEntity,
    recipient: RecipientEntity,
    why: string,
    pickupWhy?: PickupWhy,
  ): Promise<void> {
    const code = this.secrets.issue(recipient.id);
    const channel: CeIdChannel =
      this.config.notify.ceIdChannel !== 'sender' && recipient.phone ? 'sms' : 'sender';
    const key = await this.content.dataKey(message.id);
    await this.db.transaction(async (tx) => {
      const won = await this.recipients.switchToPickup(tx, recipient.id, {
        tokenHash: code.tokenHash,
        ceIdHash: code.ceIdHash,
        channel,
      });
      if (!won) return;
      await this.evidence.record(tx, {
        type: 'ContentConsignmentFailure',
        messageId: message.id,
        recipient: recipient.address,
        actor: 'system',
        reason: `not delivered directly: ${why.slice(0, 400)}; the pickup route with CE-ID follows`,
      });
      const secrets: RecipientSecrets = {
        token: code.token,
        ...(channel === 'sms' ? { ceId: code.ceId } : {}),
      };
      await this.queue.enqueue(tx, 'notify-recipient', {
        messageId: message.id,
        recipientId: recipient.id,
        why: pickupWhy ?? { code: 'DIRECT_SESSION_UNSAFE' },
        sealedSecrets: this.vault.seal(
          key,
          JSON.stringify(secrets),
          secretsContext(message.id, recipient.id),
        ),
      });
      if (channel === 'sender') {
        await this.queue.enqueue(tx, 'send-codes-to-sender', {
          messageId: message.id,
          sealedCodes: sealSenderCodes(this.vault, key, message.id, [
            { recipientId: recipient.id, ceId: code.ceId },
          ]),
          reason: 'fallback',
        });
      }
    });
    this.queue.poke();
  }
}
