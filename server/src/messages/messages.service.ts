import { Injectable } from '@nestjs/common';
import type {
  AttachmentInfo,
  CeIdChannel,
  MessageStatusResponse,
  MessageSummary,
  RecipientInput,
  Route,
  SubmitMessageRequest,
  SubmitMessageResponse,
} from '@zegel/shared';
import { normaliseCeId } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { JobQueue } from '../delivery/job-queue';
import { RecipientRouter } from '../policy/org-policy/recipient-router.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { VaultService } from '../vault/vault.service';
import { ContentService, metaContext, partContext, type SealedMeta } from './content.service';
import { MessageKeyEntity } from './message-key.entity';
import { MessagePartEntity } from './message-part.entity';
import { MessageEntity, type EntryPoint } from './message.entity';
import { readMultipart } from './multipart-intake';
import { RecipientEntity } from './recipient.entity';
import { hashCeId, hashToken, newCeId, newPickupToken } from './secrets.util';
import { safeContentType, safeFileName, validateSubmission } from './submission.validation';

/** Where an entry point puts a message's parts while it receives them. */
export interface PartStore {
  attachment(
    index: number,
    name: string | undefined,
    contentType: string | undefined,
    source: Readable,
  ): Promise<void>;
  bodies(request: SubmitMessageRequest): Promise<void>;
}

interface StoredPart {
  kind: 'html' | 'text' | 'attachment';
  index: number;
  name?: string;
  contentType: string;
  blobId: string;
  size: number;
  sha256: string;
}

/** Secrets a notification job needs, sealed with the message key inside the job's payload. */
export interface RecipientSecrets {
  token: string;
  ceId?: string;
}
export const secretsContext = (messageId: string, recipientId: string) =>
  `${messageId}/secrets/${recipientId}`;

/** Intake of registered and confidential mail from the API, and the sender's view of it. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly content: ContentService,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
    private readonly router: RecipientRouter,
  ) {}

  submitJson(
    user: AuthenticatedUser,
    body: unknown,
    ip: string | null,
  ): Promise<SubmitMessageResponse> {
    const request = validateSubmission(body, this.config.limits);
    return this.submitParts(user.email, 'api', ip, async (store) => {
      await store.bodies(request);
      return request;
    });
  }

  /** Streams attachments straight into the vault; nothing is held whole in memory or written in the clear. */
  submitMultipart(
    user: AuthenticatedUser,
    req: IncomingMessage,
    ip: string | null,
  ): Promise<SubmitMessageResponse> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (
      declared >
      this.config.limits.maxMessageBytes + this.config.limits.maxBodyBytes * 2 + 1024 * 1024
    ) {
      req.resume();
      throw new ZegelError(
        'PAYLOAD_TOO_LARGE',
        `The message is larger than ${this.config.limits.maxMessageBytes} bytes.`,
      );
    }
    return this.submitParts(user.email, 'api', ip, async (store) => {
      let request: SubmitMessageRequest | undefined;
      await readMultipart(
        req,
        this.config.limits,
        (json) => {
          request = validateSubmission(json, this.config.limits);
        },
        (file) => store.attachment(file.index, file.filename, file.mimeType, file.stream),
      );
      await store.bodies(request!);
      return request!;
    });
  }

  /**
   * The one intake of both entry points (API and SMTP connector). `receive` hands attachments to
   * the store as they arrive (each stream is encrypted into the vault before the next is read), then
   * the bodies, and returns the validated request. Resolves only when content, metadata, evidence and
   * notification jobs are committed durably; on any failure nothing stays behind.
   */
  async submitParts(
    sender: string,
    entry: EntryPoint,
    ip: string | null,
    receive: (store: PartStore) => Promise<SubmitMessageRequest>,
  ): Promise<SubmitMessageResponse> {
    const messageId = randomUUID();
    const { key, wrapped } = this.vault.newDataKey();
    const stored: StoredPart[] = [];
    let total = 0;
    const put = async (
      kind: StoredPart['kind'],
      index: number,
      source: Readable,
      maxBytes: number,
    ) => {
      const part = await this.vault.storePart({
        key,
        context: partContext(messageId, kind, index),
        source,
        maxBytes,
      });
      total += part.size;
      return part;
    };
    try {
      const request = await receive({
        attachment: async (index, name, type, source) => {
          const remaining = this.config.limits.maxMessageBytes - total;
          const part = await put(
            'attachment',
            index,
            source,
            Math.min(this.config.limits.maxAttachmentBytes, remaining),
          );
          stored.push({
            kind: 'attachment',
            index,
            name: safeFileName(name, index),
            contentType: safeContentType(type),
            ...part,
          });
        },
        bodies: async (req) => {
          for (const kind of ['html', 'text'] as const) {
            const value = req[kind];
            if (value === undefined) continue;
            const part = await put(
              kind,
              0,
              Readable.from([Buffer.from(value, 'utf8')]),
              this.config.limits.maxBodyBytes,
            );
            stored.push({
              kind,
              index: 0,
              contentType: `text/${kind === 'html' ? 'html' : 'plain'}; charset=utf-8`,
              ...part,
            });
          }
        },
      });
      const recipients = await this.planRecipients(request.classification, request.recipients);
      const response = await this.commit(
        sender,
        entry,
        ip,
        messageId,
        key,
        wrapped,
        request,
        stored,
        recipients,
        total,
      );
      this.queue.poke();
      this.metrics.messagesAccepted.inc({ entry, classification: request.classification });
      return response;
    } catch (error) {
      await Promise.all(stored.map((p) => this.vault.deletePart(p.blobId).catch(() => undefined)));
      throw error;
    }
  }

  /**
   * Routes every recipient through the NTA 7516 ruleset (direct, pickup or hold). A held recipient
   * refuses the whole submission with the reason, so nothing is half sent.
   */
  private async planRecipients(classification: string, recipients: RecipientInput[]) {
    const routes = await this.router.plan(
      classification,
      recipients.map((r) => r.address),
    );
    const held = routes.filter((r) => r.route === 'hold');
    if (held.length) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        "The organisation's policy sends this message to no one of these recipients.",
        held.map((r) => ({
          path: `recipients.${routes.indexOf(r)}.address`,
          message: `${r.address}: ${r.reasons[0].message}`,
        })),
      );
    }
    const setting = this.config.notify.ceIdChannel;
    const missingPhone = recipients
      .filter((r, i) => routes[i].route === 'pickup' && !r.phone)
      .map((r) => r.address);
    if (setting === 'sms' && missingPhone.length) {
      throw new ZegelError(
        'VALIDATION_FAILED',
        'The CE-ID goes by SMS: every recipient needs a phone number.',
        missingPhone.map((a) => ({ path: 'recipients', message: `${a} has no phone number` })),
      );
    }
    return recipients.map((r, i) => {
      const channel: CeIdChannel = setting === 'sender' || !r.phone ? 'sender' : 'sms';
      return {
        ...r,
        id: randomUUID(),
        route: routes[i].route as Route,
        reasons: routes[i].reasons,
        channel,
        token: newPickupToken(),
        ceId: newCeId(),
      };
    });
  }

  private async commit(
    sender: string,
    entry: EntryPoint,
    ip: string | null,
    messageId: string,
    key: Buffer,
    wrapped: string,
    request: SubmitMessageRequest,
    stored: StoredPart[],
    recipients: Awaited<ReturnType<MessagesService['planRecipients']>>,
    total: number,
  ): Promise<SubmitMessageResponse> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.retention.retrievalDays * 86_400_000);
    const attachments = stored
      .filter((p) => p.kind === 'attachment')
      .sort((a, b) => a.index - b.index);
    const meta: SealedMeta = {
      subject: request.subject,
      attachments: attachments.map((a) => ({ name: a.name! })),
    };
    const digests = digestMap(stored);
    const pepper = this.vault.keys.getOrCreateSecret('ceid-pepper');
    await this.db.transaction(async (m) => {
      await m.insert(MessageEntity, {
        id: messageId,
        sender,
        classification: request.classification,
        entry,
        createdAt: now,
        expiresAt,
        sealedMeta: this.vault.seal(key, JSON.stringify(meta), metaContext(messageId)),
        htmlSha256: stored.find((p) => p.kind === 'html')?.sha256 ?? null,
        textSha256: stored.find((p) => p.kind === 'text')?.sha256 ?? null,
        totalBytes: total,
        contentState: 'stored',
        contentDeletedAt: null,
      });
      await m.insert(MessageKeyEntity, { messageId, wrapped });
      for (const p of stored) {
        await m.insert(MessagePartEntity, {
          id: randomUUID(),
          messageId,
          kind: p.kind,
          index: p.index,
          size: p.size,
          sha256: p.sha256,
          contentType: p.contentType,
          blobId: p.blobId,
        });
      }
      for (const r of recipients) {
        await m.insert(RecipientEntity, {
          id: r.id,
          messageId,
          address: r.address,
          phone: r.phone ?? null,
          route: r.route,
          ceIdChannel: r.channel,
          tokenHash: hashToken(r.token),
          ceIdHash: hashCeId(pepper, r.id, normaliseCeId(r.ceId)!),
          state: 'pending',
          failedAttempts: 0,
          updatedAt: now,
          handedOverAt: null,
          retainUntil: null,
        });
        await this.evidence.record(m, {
          type: 'SubmissionAcceptance',
          messageId,
          recipient: r.address,
          actor: `sender:${sender}`,
          ip,
          digests,
          reason:
            r.route === 'direct'
              ? `classification ${request.classification}; direct delivery: ${r.reasons[0].message}`
              : `classification ${request.classification}; pickup with CE-ID by ${r.channel === 'sms' ? 'SMS' : 'the sender'}: ${r.reasons[0].message}`,
        });
        if (r.route === 'direct') {
          // No CE-ID is needed on this route; the stored hashes are of secrets nobody holds.
          await this.queue.enqueue(m, 'deliver-direct', { messageId, recipientId: r.id });
          continue;
        }
        const secrets: RecipientSecrets = {
          token: r.token,
          ...(r.channel === 'sms' ? { ceId: r.ceId } : {}),
        };
        await this.queue.enqueue(m, 'notify-recipient', {
          messageId,
          recipientId: r.id,
          sealedSecrets: this.vault.seal(
            key,
            JSON.stringify(secrets),
            secretsContext(messageId, r.id),
          ),
        });
      }
    });
    return {
      id: messageId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      body: {
        html: stored.find((p) => p.kind === 'html')?.sha256,
        text: stored.find((p) => p.kind === 'text')?.sha256,
      },
      attachments: attachments.map((a) => attachmentInfo(a, a.name!)),
      recipients: recipients.map((r) => ({
        address: r.address,
        state: 'pending',
        route: r.route,
        ceIdChannel: r.channel,
        ...(r.route === 'pickup' && r.channel === 'sender' ? { ceId: r.ceId } : {}),
      })),
    };
  }

  /** The sender's view: state per recipient and the evidence trail. Others get NOT_FOUND, not FORBIDDEN. */
  async status(user: AuthenticatedUser, id: string): Promise<MessageStatusResponse> {
    const message = await this.ownMessage(user, id);
    const [recipients, parts, events] = await Promise.all([
      this.db.manager.find(RecipientEntity, {
        where: { messageId: id },
        order: { address: 'ASC' },
      }),
      this.content.parts(id),
      this.evidence.forMessage(id),
    ]);
    return {
      id,
      sender: message.sender,
      classification: message.classification,
      createdAt: message.createdAt.toISOString(),
      expiresAt: message.expiresAt.toISOString(),
      content: message.contentState,
      body: { html: message.htmlSha256 ?? undefined, text: message.textSha256 ?? undefined },
      attachments: parts
        .filter((p) => p.kind === 'attachment')
        .map((p) => ({
          index: p.index,
          size: p.size,
          contentType: p.contentType,
          sha256: p.sha256,
        })),
      recipients: recipients.map(recipientStatus),
      events,
    };
  }

  async list(user: AuthenticatedUser, limit: number): Promise<MessageSummary[]> {
    const messages = await this.db.manager.find(MessageEntity, {
      where: { sender: user.email },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    const recipients = messages.length
      ? await this.db.manager.find(RecipientEntity, {
          where: { messageId: In(messages.map((m) => m.id)) },
          order: { address: 'ASC' },
        })
      : [];
    return messages.map((m) => ({
      id: m.id,
      classification: m.classification,
      createdAt: m.createdAt.toISOString(),
      content: m.contentState,
      recipients: recipients.filter((r) => r.messageId === m.id).map(recipientStatus),
    }));
  }

  private async ownMessage(user: AuthenticatedUser, id: string): Promise<MessageEntity> {
    const message = /^[0-9a-f-]{36}$/.test(id)
      ? await this.db.manager.findOne(MessageEntity, { where: { id } })
      : null;
    if (!message || (message.sender !== user.email && !user.roles.includes('admin'))) {
      throw new ZegelError('NOT_FOUND', 'No such message.');
    }
    return message;
  }
}

function digestMap(parts: StoredPart[]): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const p of parts)
    digests[p.kind === 'attachment' ? `attachment.${p.index}` : `body.${p.kind}`] = p.sha256;
  return digests;
}

function attachmentInfo(
  p: { index: number; size: number; contentType: string; sha256: string },
  name: string,
): AttachmentInfo {
  return { index: p.index, name, size: p.size, contentType: p.contentType, sha256: p.sha256 };
}

function recipientStatus(r: RecipientEntity) {
  return {
    address: r.address,
    state: r.state,
    route: r.route,
    ceIdChannel: r.ceIdChannel,
    updatedAt: r.updatedAt.toISOString(),
  };
}
