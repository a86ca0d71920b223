import { Injectable } from '@nestjs/common';
import { INLINE_IMAGE_TYPES, type PickupMessageView } from '@zegel/shared';
import type { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { CeIdSecrets } from '../messages/ceid-secrets.service';
import { ContentService } from '../messages/content.service';
import { MessageRepository } from '../messages/message.repository';
import { canDownload, canRespond } from '../messages/recipient-lifecycle.rules';
import { ReadableContentCache, type ReadableContent } from '../messages/readable-content.cache';
import {
  RecipientRepository,
  type PickupMessage,
  type PickupRecipient,
} from '../messages/recipient.repository';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { sanitizeMailHtml } from './html-sanitizer';
import { ReplyService } from './reply.service';

const isInlineImage = (part: { contentType: string }) =>
  INLINE_IMAGE_TYPES.includes(part.contentType.split(';')[0].trim().toLowerCase());

/** A copy and its message as a pickup request reads them (`PICKUP_FIELDS`). */
export interface PickupContext {
  recipient: PickupRecipient;
  message: PickupMessage;
  /** Replies this copy had sent when the context was read (advisory; a reply counts again). */
  replies?: number;
}

/** What an unlocked recipient reads and downloads; every download is evidence. */
@Injectable()
export class PickupReader {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly secrets: CeIdSecrets,
    private readonly recipients: RecipientRepository,
    private readonly messages: MessageRepository,
    private readonly readable: ReadableContentCache,
    private readonly replies: ReplyService,
    private readonly policies: OrgPolicyService,
  ) {}

  /**
   * The recipient and message of this link and session cookie, or PICKUP_SESSION_REQUIRED. The
   * session is read with the copy on every request (one query) and judged here: it must belong
   * to this copy and not have expired.
   */
  async session(token: string, session: string | undefined): Promise<PickupContext> {
    const found = session
      ? await this.recipients.withMessageAndSession(
          this.secrets.tokenHash(token),
          this.secrets.tokenHash(session),
        )
      : null;
    const recipient = found?.recipient;
    const row = found?.session;
    if (!recipient || !row || row.recipientId !== recipient.id || row.expiresAt <= new Date()) {
      throw new ZegelError('PICKUP_SESSION_REQUIRED', 'Enter the CE-ID to open this message.');
    }
    const message = found.message;
    if (!message) throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    return { recipient, message, replies: found.replies };
  }

  /** As `session`, and the content must still be readable (else PICKUP_CLOSED). */
  async context(token: string, session: string | undefined): Promise<PickupContext> {
    const ctx = await this.session(token, session);
    if (!canDownload(ctx.recipient, new Date()) || ctx.message.contentState !== 'stored') {
      throw new ZegelError('PICKUP_CLOSED', 'This message is no longer available.');
    }
    return ctx;
  }
  async view({ recipient, message, replies }: PickupContext): Promise<PickupMessageView> {
    const content = await this.readable.get(recipient.id, message.id, () =>
      this.readableContent(message),
    );
    return {
      messageId: message.id,
      sender: message.sender,
      subject: content.subject,
      sentAt: message.createdAt.toISOString(),
      expiresAt: (recipient.state === 'accepted' && recipient.retainUntil
        ? recipient.retainUntil
        : message.expiresAt
      ).toISOString(),
      html: content.html,
      remoteImages: content.remoteImages,
      text: content.text,
      body: content.body,
      attachments: content.attachments,
      state: recipient.state,
      canRespond: canRespond(recipient.state),
      availableAfterAccept: new Date(
        Date.now() + (await this.policies.pickupLimits()).downloadWindowHours * 3_600_000,
      ).toISOString(),
      reply: await this.replies.rules({ recipient, message, replies }),
    };
  }

  /** Decrypts and sanitises what `view` shows; the cache keeps it for the next reads. */
  private async readableContent(message: PickupMessage): Promise<ReadableContent> {
    const key = await this.content.dataKey(message.id);
    const meta = this.content.meta(message, key);
    const parts = await this.content.parts(message.id);
    const html = parts.find((p) => p.kind === 'html');
    const text = parts.find((p) => p.kind === 'text');
    const inline = new Map<string, number>();
    for (const part of parts) {
      const contentId = meta.attachments[part.index]?.contentId;
      if (part.kind === 'attachment' && contentId && isInlineImage(part))
        inline.set(contentId, part.index);
    }
    const sanitised = html
      ? sanitizeMailHtml(await this.content.readText(html, key), inline)
      : null;
    return {
      subject: meta.subject,
      html: sanitised?.html ?? null,
      remoteImages: sanitised?.remoteImages ?? 0,
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
    };
  }

  async attachment(
    ctx: PickupContext,
    index: number,
    ip: string,
  ): Promise<{ name: string; size: number; stream: Readable }> {
    const part = await this.messages.part(ctx.message.id, 'attachment', index);
    if (!part) throw new ZegelError('NOT_FOUND', 'No such attachment.');
    const key = await this.content.dataKey(ctx.message.id);
    const name =
      this.content.meta(ctx.message, key).attachments[index]?.name ?? `attachment-${index + 1}`;
    await this.track(ctx, ip, 'attachment downloaded', { [`attachment.${index}`]: part.sha256 });
    return { name, size: part.size, stream: this.content.open(part, key) };
  }

  /**
   * An image part that the HTML body shows inline (`cid:`), for this copy's session only: it must
   * have a Content-ID and an image type the page may show, else NOT_FOUND (the same answer as for
   * a part that does not exist). Not evidence of its own: it is part of reading the body.
   */
  async inlineImage(
    ctx: PickupContext,
    index: number,
  ): Promise<{ contentType: string; size: number; stream: Readable }> {
    const part = await this.messages.part(ctx.message.id, 'attachment', index);
    const key = part && isInlineImage(part) ? await this.content.dataKey(ctx.message.id) : null;
    if (!part || !key || !this.content.meta(ctx.message, key).attachments[index]?.contentId)
      throw new ZegelError('NOT_FOUND', 'No such inline image.');
    return { contentType: part.contentType, size: part.size, stream: this.content.open(part, key) };
  }

  /** The whole message as RFC 5322 (.eml), built as a stream from the decrypted parts. */
  async eml(ctx: PickupContext, ip: string): Promise<Readable> {
    const key = await this.content.dataKey(ctx.message.id);
    const meta = this.content.meta(ctx.message, key);
    const parts = await this.content.parts(ctx.message.id);
    const html = parts.find((p) => p.kind === 'html');
    const text = parts.find((p) => p.kind === 'text');
    await this.track(ctx, ip, 'whole message downloaded (.eml)');
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
        .map((p) => {
          const contentId = meta.attachments[p.index]?.contentId;
          return {
            filename: meta.attachments[p.index]?.name,
            contentType: p.contentType,
            content: this.content.open(p, key),
            // The body's cid: references find their images in the recipient's mail program too.
            ...(contentId ? { cid: contentId } : {}),
          };
        }),
      headers: { 'X-Zegel-Message-Id': ctx.message.id },
    });
    return composer.compile().createReadStream();
  }

  private track(ctx: PickupContext, ip: string, reason: string, digests?: Record<string, string>) {
    return this.db.transaction((tx) =>
      this.evidence.record(tx, {
        type: 'ContentAccessTracking',
        messageId: ctx.message.id,
        recipient: ctx.recipient.address,
        actor: `recipient:${ctx.recipient.address}`,
        ip,
        digests,
        reason,
      }),
    );
  }
}
