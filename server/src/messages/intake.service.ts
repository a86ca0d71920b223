import { Injectable } from '@nestjs/common';
import type { SubmitMessageRequest, SubmitMessageResponse } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { MetricsService } from '../health/metrics.service';
import { JobQueue } from '../queue/job-queue';
import type { SenderCode } from '../queue/job-types';
import { VaultService } from '../vault/vault.service';
import { metaContext, partContext, partDigests, type SealedMeta } from './content.service';
import { MessageRepository } from './message.repository';
import type { EntryPoint } from './message.entity';
import { readMultipart } from './multipart-intake';
import { RecipientPlanner, type PlannedCopy } from './recipient-planner.service';
import { RecipientRepository } from './recipient.repository';
import { sealSenderCodes, secretsContext, type RecipientSecrets } from './sealed-payloads';
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

/** Who submits: the sender's address, the token that may read it later (none from SMTP), the door. */
export interface Submitter {
  sender: string;
  ownerId: string | null;
  entry: EntryPoint;
  ip: string | null;
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

/**
 * The one intake of every entry point (API, SMTP connector): parts are encrypted into the vault as
 * they arrive, then metadata, recipients, evidence and the jobs that follow commit in one
 * transaction. Resolves only once that commit is durable; on any failure nothing stays behind.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
    private readonly planner: RecipientPlanner,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  submitJson(submitter: Submitter, body: unknown): Promise<SubmitMessageResponse> {
    const request = validateSubmission(body, this.config.limits);
    return this.submitParts(submitter, async (store) => {
      await store.bodies(request);
      return request;
    });
  }

  /** Streams attachments straight into the vault; nothing is held whole in memory or written in the clear. */
  submitMultipart(submitter: Submitter, req: IncomingMessage): Promise<SubmitMessageResponse> {
    const limits = this.config.limits;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxMessageBytes + limits.maxBodyBytes * 2 + 1024 * 1024) {
      req.resume();
      throw new ZegelError(
        'PAYLOAD_TOO_LARGE',
        `The message is larger than ${limits.maxMessageBytes} bytes.`,
      );
    }
    return this.submitParts(submitter, async (store) => {
      let request: SubmitMessageRequest | undefined;
      await readMultipart(
        req,
        limits,
        (json) => {
          request = validateSubmission(json, limits);
        },
        (file) => store.attachment(file.index, file.filename, file.mimeType, file.stream),
      );
      await store.bodies(request!);
      return request!;
    });
  }

  /**
   * `receive` hands attachments to the store as they arrive (each stream is encrypted into the
   * vault before the next is read), then the bodies, and returns the validated request.
   */
  async submitParts(
    submitter: Submitter,
    receive: (store: PartStore) => Promise<SubmitMessageRequest>,
  ): Promise<SubmitMessageResponse> {
    const messageId = randomUUID();
    const { key, wrapped } = await this.vault.createDataKey();
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
    const limits = this.config.limits;
    try {
      const request = await receive({
        attachment: async (index, name, type, source) => {
          const max = Math.min(limits.maxAttachmentBytes, limits.maxMessageBytes - total);
          const part = await put('attachment', index, source, max);
          const safe = { name: safeFileName(name, index), contentType: safeContentType(type) };
          stored.push({ kind: 'attachment', index, ...safe, ...part });
        },
        bodies: async (req) => {
          for (const kind of ['html', 'text'] as const) {
            const value = req[kind];
            if (value === undefined) continue;
            const part = await put(
              kind,
              0,
              Readable.from([Buffer.from(value, 'utf8')]),
              limits.maxBodyBytes,
            );
            const contentType = `text/${kind === 'html' ? 'html' : 'plain'}; charset=utf-8`;
            stored.push({ kind, index: 0, contentType, ...part });
          }
        },
      });
      const copies = await this.planner.plan(request.classification, request.recipients);
      const message = { id: messageId, key, wrapped, total };
      const response = await this.db.transaction((tx) =>
        this.commit(tx, submitter, message, request, stored, copies),
      );
      this.queue.poke();
      this.metrics.messagesAccepted.inc({
        entry: submitter.entry,
        classification: request.classification,
      });
      return response;
    } catch (error) {
      await Promise.all(stored.map((p) => this.vault.deletePart(p.blobId).catch(() => undefined)));
      throw error;
    }
  }

  private async commit(
    tx: EntityManager,
    submitter: Submitter,
    message: { id: string; key: Buffer; wrapped: string; total: number },
    request: SubmitMessageRequest,
    stored: StoredPart[],
    copies: PlannedCopy[],
  ): Promise<SubmitMessageResponse> {
    const { id: messageId, key } = message;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.retention.retrievalDays * 86_400_000);
    const attachments = stored
      .filter((p) => p.kind === 'attachment')
      .sort((a, b) => a.index - b.index);
    const meta: SealedMeta = {
      subject: request.subject,
      attachments: attachments.map((a) => ({ name: a.name! })),
    };
    const digests = partDigests(stored);
    await this.messages.insert(
      tx,
      {
        id: messageId,
        sender: submitter.sender,
        ownerId: submitter.ownerId,
        classification: request.classification,
        entry: submitter.entry,
        createdAt: now,
        expiresAt,
        sealedMeta: this.vault.seal(key, JSON.stringify(meta), metaContext(messageId)),
        htmlSha256: stored.find((p) => p.kind === 'html')?.sha256 ?? null,
        textSha256: stored.find((p) => p.kind === 'text')?.sha256 ?? null,
        totalBytes: message.total,
        contentState: 'stored',
        contentDeletedAt: null,
        contentDueAt: null,
      },
      message.wrapped,
      stored.map((p) => ({
        id: randomUUID(),
        messageId,
        kind: p.kind,
        index: p.index,
        size: p.size,
        sha256: p.sha256,
        contentType: p.contentType,
        blobId: p.blobId,
      })),
    );
    await this.recipients.insert(
      tx,
      copies.map((c) => ({
        id: c.id,
        messageId,
        address: c.address,
        phone: c.phone,
        route: c.route,
        ceIdChannel: c.channel,
        tokenHash: c.tokenHash,
        ceIdHash: c.ceIdHash,
        state: 'pending',
        failedAttempts: 0,
        updatedAt: now,
        handedOverAt: null,
        retainUntil: null,
        lostCodeAt: null,
        smsReference: null,
        smsStatus: null,
      })),
    );
    const senderCodes: SenderCode[] = [];
    for (const c of copies) {
      await this.evidence.record(tx, {
        type: 'SubmissionAcceptance',
        messageId,
        recipient: c.address,
        actor: `sender:${submitter.sender}`,
        ip: submitter.ip,
        digests,
        reason:
          c.route === 'direct'
            ? `classification ${request.classification}; direct delivery: ${c.reasons[0].message}`
            : `classification ${request.classification}; pickup with CE-ID by ${c.channel === 'sms' ? 'SMS' : 'the sender'}: ${c.reasons[0].message}`,
      });
      if (c.route === 'direct') {
        // No CE-ID is needed on this route; the stored hashes are of secrets nobody holds.
        await this.queue.enqueue(tx, 'deliver-direct', { messageId, recipientId: c.id });
        continue;
      }
      const secrets: RecipientSecrets = {
        token: c.token,
        ...(c.channel === 'sms' ? { ceId: c.ceId } : {}),
      };
      await this.queue.enqueue(tx, 'notify-recipient', {
        messageId,
        recipientId: c.id,
        sealedSecrets: this.vault.seal(
          key,
          JSON.stringify(secrets),
          secretsContext(messageId, c.id),
        ),
      });
      if (c.channel === 'sender') senderCodes.push({ recipientId: c.id, ceId: c.ceId });
    }
    // Mail from the connector has nobody to show the codes to: the sender gets them by mail.
    if (submitter.entry !== 'api' && senderCodes.length) {
      await this.queue.enqueue(tx, 'send-codes-to-sender', {
        messageId,
        sealedCodes: sealSenderCodes(this.vault, key, messageId, senderCodes),
        reason: 'connector',
      });
    }
    return {
      id: messageId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      body: {
        html: stored.find((p) => p.kind === 'html')?.sha256,
        text: stored.find((p) => p.kind === 'text')?.sha256,
      },
      attachments: attachments.map((a) => ({
        index: a.index,
        name: a.name!,
        size: a.size,
        contentType: a.contentType,
        sha256: a.sha256,
      })),
      recipients: copies.map((c) => ({
        address: c.address,
        state: 'pending',
        route: c.route,
        ceIdChannel: c.channel,
        ...(c.route === 'pickup' && c.channel === 'sender' ? { ceId: c.ceId } : {}),
      })),
    };
  }
}
