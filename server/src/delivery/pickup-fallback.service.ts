import { Injectable } from '@nestjs/common';
import type { CeIdChannel } from '@zegel/shared';
import { normaliseCeId } from '@zegel/shared';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { ContentService } from '../messages/content.service';
import type { MessageEntity } from '../messages/message.entity';
import { secretsContext, type RecipientSecrets } from '../messages/messages.service';
import { RecipientEntity } from '../messages/recipient.entity';
import { hashCeId, hashToken, newCeId, newPickupToken } from '../messages/secrets.util';
import { VaultService } from '../vault/vault.service';
import { JobQueue } from './job-queue';

export const ceIdContext = (messageId: string, recipientId: string) =>
  `${messageId}/sender-ceid/${recipientId}`;

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
  ) {}

  async fallBack(message: MessageEntity, recipient: RecipientEntity, why: string): Promise<void> {
    const token = newPickupToken();
    const ceId = newCeId();
    const channel: CeIdChannel =
      this.config.notify.ceIdChannel !== 'sender' && recipient.phone ? 'sms' : 'sender';
    const pepper = this.vault.keys.getOrCreateSecret('ceid-pepper');
    const key = await this.content.dataKey(message.id);
    await this.db.transaction(async (m) => {
      const result = await m.update(
        RecipientEntity,
        { id: recipient.id, state: 'pending', route: 'direct' },
        {
          route: 'pickup',
          ceIdChannel: channel,
          tokenHash: hashToken(token),
          ceIdHash: hashCeId(pepper, recipient.id, normaliseCeId(ceId)!),
          updatedAt: new Date(),
        },
      );
      if (!result.affected) return;
      await this.evidence.record(m, {
        type: 'ContentConsignmentFailure',
        messageId: message.id,
        recipient: recipient.address,
        actor: 'system',
        reason: `not delivered directly: ${why.slice(0, 400)}; the pickup route with CE-ID follows`,
      });
      const secrets: RecipientSecrets = { token, ...(channel === 'sms' ? { ceId } : {}) };
      await this.queue.enqueue(m, 'notify-recipient', {
        messageId: message.id,
        recipientId: recipient.id,
        sealedSecrets: this.vault.seal(
          key,
          JSON.stringify(secrets),
          secretsContext(message.id, recipient.id),
        ),
      });
      if (channel === 'sender') {
        await this.queue.enqueue(m, 'send-ceid-to-sender', {
          messageId: message.id,
          recipientId: recipient.id,
          sealedCeId: this.vault.seal(key, ceId, ceIdContext(message.id, recipient.id)),
        });
      }
    });
    this.queue.poke();
  }
}
