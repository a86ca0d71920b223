import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EntityManager, In } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { VaultService } from '../vault/vault.service';
import { MessageKeyEntity } from './message-key.entity';
import { MessagePartEntity } from './message-part.entity';
import { MessageEntity } from './message.entity';

/** What is sealed in `messages.sealedMeta`: content that is not a part of its own. */
export interface SealedMeta {
  subject: string;
  attachments: { name: string }[];
}

export const metaContext = (messageId: string) => `${messageId}/meta`;
export const partContext = (messageId: string, kind: string, index: number) =>
  kind === 'attachment' ? `${messageId}/attachment.${index}` : `${messageId}/body.${kind}`;

/** Reading and destroying a message's encrypted content. */
@Injectable()
export class ContentService {
  private readonly logger = new Logger('content');

  constructor(
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
  ) {}

  /** The message's data key; NOT_FOUND once the content was deleted. */
  async dataKey(messageId: string): Promise<Buffer> {
    const row = await this.db.manager.findOne(MessageKeyEntity, { where: { messageId } });
    if (!row) throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    return this.vault.unwrapDataKey(row.wrapped);
  }

  meta(message: MessageEntity, key: Buffer): SealedMeta {
    if (!message.sealedMeta)
      throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    return JSON.parse(
      this.vault.open(key, message.sealedMeta, metaContext(message.id)).toString('utf8'),
    ) as SealedMeta;
  }

  parts(messageId: string): Promise<MessagePartEntity[]> {
    return this.db.manager.find(MessagePartEntity, {
      where: { messageId },
      order: { kind: 'ASC', index: 'ASC' },
    });
  }

  open(part: MessagePartEntity, key: Buffer): Readable {
    if (!part.blobId) throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    return this.vault.readPart({
      key,
      context: partContext(part.messageId, part.kind, part.index),
      blobId: part.blobId,
    });
  }

  async readText(part: MessagePartEntity, key: Buffer): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.open(part, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Destroys the content now, in its own transaction. */
  async destroy(messageId: string, reason: string): Promise<void> {
    const blobIds = await this.db.transaction((m) => this.destroyWithin(m, messageId, reason));
    await this.removeBlobs(messageId, blobIds);
  }

  /**
   * Destroys the content inside the caller's transaction: the data key row goes (crypto-shredding),
   * the sealed subject and names go. Returns the ciphertext blobs for `removeBlobs` after commit.
   * Metadata and evidence remain.
   */
  async destroyWithin(
    manager: EntityManager,
    messageId: string,
    reason: string,
  ): Promise<string[]> {
    const message = await manager.findOne(MessageEntity, { where: { id: messageId } });
    if (!message || message.contentState === 'deleted') return [];
    const parts = await manager.find(MessagePartEntity, { where: { messageId } });
    await manager.delete(MessageKeyEntity, { messageId });
    await manager.update(MessagePartEntity, { id: In(parts.map((p) => p.id)) }, { blobId: null });
    await manager.update(
      MessageEntity,
      { id: messageId },
      { contentState: 'deleted', contentDeletedAt: new Date(), sealedMeta: null },
    );
    await this.evidence.record(manager, {
      type: 'ContentDeletion',
      messageId,
      actor: 'system',
      reason,
    });
    return parts.flatMap((p) => (p.blobId ? [p.blobId] : []));
  }

  /** Once the key is gone the ciphertext is unreadable; removing it is tidiness, not safety. */
  async removeBlobs(messageId: string, blobIds: string[]): Promise<void> {
    await Promise.all(blobIds.map((id) => this.vault.deletePart(id))).catch((error: unknown) =>
      this.logger.warn({ messageId, err: (error as Error).message }, 'could not remove ciphertext'),
    );
  }
}
