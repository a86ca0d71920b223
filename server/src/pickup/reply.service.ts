import { Injectable, Logger } from '@nestjs/common';
import type { PickupReplyResult, PickupReplyRules } from '@zegel/shared';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { ContentService } from '../messages/content.service';
import type { ReplyPart } from '../messages/message-reply.entity';
import { MessageReplyRepository } from '../messages/message-reply.repository';
import { MessageRepository } from '../messages/message.repository';
import {
  replyDigests,
  replyMetaContext,
  replyPartContext,
  type SealedReply,
} from '../messages/reply-content';
import { readMultipart } from '../messages/multipart-intake';
import { canDownload } from '../messages/recipient-lifecycle.rules';
import { safeContentType, safeFileName } from '../messages/submission.validation';
import { JobQueue } from '../queue/job-queue';
import { VaultService } from '../vault/vault.service';
import type { PickupContext } from './pickup-reader.service';
import { MAX_REPLIES_PER_COPY, replyRules, replyText } from './reply.rules';

/**
 * Secure reply (NTA 7516 §6.1.14): the recipient answers on the pickup page. The reply is
 * encrypted into the vault with its own data key, recorded as evidence, and a job hands it to the
 * sender's mailbox through the organisation's relay; it never leaves the secure channel.
 */
@Injectable()
export class ReplyService {
  private readonly logger = new Logger('reply');

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly messages: MessageRepository,
    private readonly replies: MessageReplyRepository,
  ) {}

  async rules({ recipient, message, replies }: PickupContext): Promise<PickupReplyRules> {
    const open = canDownload(recipient, new Date()) && message.contentState === 'stored';
    return replyRules({
      allowReplies: message.allowReplies,
      open,
      // The count matters only where a reply is possible at all (else nothing remains anyway).
      // The read of the context already counted them; sending a reply counts again in its transaction.
      sent:
        message.allowReplies && open ? (replies ?? (await this.replies.countOf(recipient.id))) : 0,
      maxAttachments: this.config.limits.maxAttachments,
      maxAttachmentBytes: this.config.limits.maxAttachmentBytes,
    });
  }

  async reply(
    ctx: PickupContext,
    request: IncomingMessage,
    ip: string,
  ): Promise<PickupReplyResult> {
    const rules = await this.rules(ctx);
    if (!rules.allowed) throw notAllowed();
    const replyId = randomUUID();
    const { key, wrapped } = await this.vault.createDataKey();
    const subject = this.content.meta(
      ctx.message,
      await this.content.dataKey(ctx.message.id),
    ).subject;
    const parts: ReplyPart[] = [];
    const names: SealedReply['attachments'] = [];
    let text: string | null = null;
    try {
      await readMultipart(
        request,
        {
          maxAttachments: rules.maxAttachments,
          maxAttachmentBytes: rules.maxAttachmentBytes,
          // The field holds {"text": …}: four bytes a character at most, and JSON escapes.
          maxBodyBytes: rules.maxTextChars * 2,
          maxRecipients: 0,
        },
        (json) => {
          text = replyText((json as { text?: unknown } | null)?.text, rules.maxTextChars);
          if (text === null)
            throw new ZegelError(
              'VALIDATION_FAILED',
              `Send {"text": "…"} with 1 to ${rules.maxTextChars} characters of text.`,
            );
        },
        async (file) => {
          const part = await this.vault.storePart({
            key,
            context: replyPartContext(replyId, file.index),
            source: file.stream,
            maxBytes: rules.maxAttachmentBytes,
          });
          parts.push(part);
          names.push({
            name: safeFileName(file.filename, file.index),
            contentType: safeContentType(file.mimeType),
          });
        },
      );
      const body = text as unknown as string;
      // The text travels sealed in the row (it is small); its digest is the evidence.
      const stored = { sha256: createHash('sha256').update(body, 'utf8').digest('hex') };
      const now = new Date();
      const sealed: SealedReply = { subject, text: body, attachments: names };
      await this.db.transaction(async (tx) => {
        // The message row first, as every transaction that touches message and copy does; it also
        // makes two replies at once count one after the other.
        await this.messages.lock(tx, ctx.message.id);
        if ((await this.replies.countOf(ctx.recipient.id, tx)) >= MAX_REPLIES_PER_COPY)
          throw notAllowed();
        await this.replies.insert(tx, {
          id: replyId,
          messageId: ctx.message.id,
          recipientId: ctx.recipient.id,
          createdAt: now,
          state: 'stored',
          wrappedKey: wrapped,
          sealedMeta: this.vault.seal(key, JSON.stringify(sealed), replyMetaContext(replyId)),
          parts: JSON.stringify(parts),
          textSha256: stored.sha256,
          deliveredAt: null,
        });
        await this.evidence.record(tx, {
          type: 'ReplySubmission',
          messageId: ctx.message.id,
          recipient: ctx.recipient.address,
          actor: `recipient:${ctx.recipient.address}`,
          ip,
          digests: replyDigests(stored.sha256, parts),
          reason: `secure reply ${replyId} stored encrypted (${parts.length} attachment(s)); to be delivered to the sender`,
        });
        await this.queue.enqueue(tx, 'deliver-reply', { replyId });
      });
      this.queue.poke();
      return {
        id: replyId,
        receivedAt: now.toISOString(),
        textSha256: stored.sha256,
        attachments: parts.map((p, i) => ({ name: names[i].name, size: p.size, sha256: p.sha256 })),
      };
    } catch (error) {
      await Promise.all(parts.map((p) => this.vault.deletePart(p.blobId))).catch((e: unknown) =>
        this.logger.warn({ err: (e as Error).message }, 'could not remove a refused reply part'),
      );
      throw error;
    }
  }
}

const notAllowed = () =>
  new ZegelError(
    'FORBIDDEN',
    'This message takes no (more) replies: the sender turned them off, or the limit is reached.',
  );
