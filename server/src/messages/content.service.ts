import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { VaultService } from '../vault/vault.service';
import { MessagePartEntity } from './message-part.entity';
import { MessageEntity } from './message.entity';
import { MessageRepository } from './message.repository';
import { contentStillNeeded } from './recipient-lifecycle.rules';
import { ReadableContentCache } from './readable-content.cache';
import { RecipientRepository } from './recipient.repository';

/** What is sealed in `messages.sealedMeta`: content that is not a part of its own. */
export interface SealedMeta {
  subject: string;
  /** The sender's name as the sign-in gives it, for the recipient's mails; absent when unknown. */
  senderName?: string;
  /** Per attachment: its name, and its Content-ID when the HTML body shows it inline (`cid:`). */
  attachments: { name: string; contentId?: string }[];
}

export const metaContext = (messageId: string) => `${messageId}/meta`;
export const partContext = (messageId: string, kind: string, index: number) =>
  kind === 'attachment' ? `${messageId}/attachment.${index}` : `${messageId}/body.${kind}`;

/** The digest of every part, by part name (`body.html`, `attachment.0`, …), as evidence names them. */
export function partDigests(parts: { kind: string; index: number; sha256: string }[]) {
  return Object.fromEntries(
    parts.map((p) => [
      p.kind === 'attachment' ? `attachment.${p.index}` : `body.${p.kind}`,
      p.sha256,
    ]),
  );
}

const CLOSED = () => new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');

/** Reading a message's encrypted content, and deciding when it is destroyed. */
@Injectable()
export class ContentService {
  private readonly logger = new Logger('content');

  constructor(
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly readable: ReadableContentCache,
  ) {}

  /** The message's data key; PICKUP_CLOSED once the content was deleted. */
  async dataKey(messageId: string): Promise<Buffer> {
    return this.openKey(await this.messages.wrappedKey(messageId));
  }

  /** The data key inside a wrapped key the caller read itself; PICKUP_CLOSED once it is gone. */
  async openKey(wrapped: string | null): Promise<Buffer> {
    if (!wrapped) throw CLOSED();
    return this.vault.openDataKey(wrapped);
  }

  meta(message: Pick<MessageEntity, 'id' | 'sealedMeta'>, key: Buffer): SealedMeta {
    if (!message.sealedMeta) throw CLOSED();
    return JSON.parse(
      this.vault.open(key, message.sealedMeta, metaContext(message.id)).toString('utf8'),
    ) as SealedMeta;
  }

  parts(messageId: string): Promise<MessagePartEntity[]> {
    return this.messages.parts(messageId);
  }

  open(part: MessagePartEntity, key: Buffer): Readable {
    if (!part.blobId) throw CLOSED();
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

  /**
   * Inside the caller's transaction, after a copy left the waiting states: destroys the content if
   * no recipient needs it any more, or asks the sweep to look again when the last grace period
   * ends. Takes the message lock (callers that also change a copy take it first, before the copy,
   * so two transactions never wait on each other's rows), so two recipients answering at once see
   * each other's answer.
   * Returns the blobs to remove once the transaction has committed (see `finalise`).
   */
  async closeIfUnneeded(
    tx: EntityManager,
    messageId: string,
    now: Date,
    reason: string,
  ): Promise<string[]> {
    this.readable.evictMessage(messageId);
    const message = await this.messages.lock(tx, messageId);
    if (!message || message.contentState !== 'stored') return [];
    const copies = await this.recipients.ofMessage(messageId, tx);
    if (contentStillNeeded(copies, now)) {
      const graceEnds = copies
        .filter((r) => r.state === 'accepted' && r.retainUntil && r.retainUntil > now)
        .map((r) => r.retainUntil!.getTime());
      if (graceEnds.length)
        await this.messages.reviewContentAt(tx, messageId, new Date(Math.max(...graceEnds)));
      else await this.messages.clearContentReview(tx, messageId);
      return [];
    }
    return this.destroyWithin(tx, messageId, now, reason);
  }

  /**
   * Destroys the content now, inside the caller's transaction (revocation, expiry): the key row
   * goes, the sealed subject and names go, and the deletion is evidence. Metadata and evidence stay.
   */
  async destroyWithin(
    tx: EntityManager,
    messageId: string,
    now: Date,
    reason: string,
  ): Promise<string[]> {
    this.readable.evictMessage(messageId);
    const blobs = await this.messages.destroyContent(tx, messageId, now);
    if (blobs === null) return [];
    await this.evidence.record(tx, { type: 'ContentDeletion', messageId, actor: 'system', reason });
    return blobs;
  }

  /**
   * After the deleting transaction committed: makes the deletion final on disk (the database's
   * write-ahead log no longer holds the wrapped key) and removes the ciphertext. Once the key is
   * gone the ciphertext is unreadable; removing it is tidiness, not safety.
   */
  async finalise(messageId: string, blobIds: string[]): Promise<void> {
    // Again after the commit: a read between the eviction inside the transaction and the commit
    // may have cached the content once more.
    this.readable.evictMessage(messageId);
    if (!blobIds.length) return;
    await this.db.purgeDeletedPages();
    await Promise.all(blobIds.map((id) => this.vault.deletePart(id))).catch((error: unknown) =>
      this.logger.warn({ messageId, err: (error as Error).message }, 'could not remove ciphertext'),
    );
  }
}
