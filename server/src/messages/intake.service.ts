import { Injectable } from '@nestjs/common';
import type { SubmitMessageRequest, SubmitMessageResponse } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { MetricsService } from '../health/metrics.service';
import {
  ClassificationsService,
  type KnownClassification,
} from '../policy/classifications/classifications.service';
import { JobQueue } from '../queue/job-queue';
import { VaultService } from '../vault/vault.service';
import { partContext } from './content.service';
import { readMultipart } from './multipart-intake';
import type { PartStore, StoredPart, Submitter } from './intake.types';
import { RecipientPlanner } from './recipient-planner.service';
import { SubmissionCommitter } from './submission-committer.service';
import {
  safeContentId,
  safeContentType,
  safeFileName,
  validateSubmission,
} from './submission.validation';

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
    private readonly queue: JobQueue,
    private readonly metrics: MetricsService,
    private readonly planner: RecipientPlanner,
    private readonly committer: SubmissionCommitter,
    private readonly classifications: ClassificationsService,
  ) {}

  /** The classifications that exist now (built-in and the admin's), for every entry point. */
  knownClassifications(): Promise<KnownClassification[]> {
    return this.classifications.known();
  }

  async submitJson(submitter: Submitter, body: unknown): Promise<SubmitMessageResponse> {
    const known = await this.knownClassifications();
    const request = validateSubmission(body, this.config.limits, known);
    return this.submitParts(submitter, async (store) => {
      await store.bodies(request);
      return request;
    });
  }

  /** Streams attachments straight into the vault; nothing is held whole in memory or written in the clear. */
  async submitMultipart(
    submitter: Submitter,
    req: IncomingMessage,
  ): Promise<SubmitMessageResponse> {
    const limits = this.config.limits;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxMessageBytes + limits.maxBodyBytes * 2 + 1024 * 1024) {
      req.resume();
      throw new ZegelError(
        'PAYLOAD_TOO_LARGE',
        `The message is larger than ${limits.maxMessageBytes} bytes.`,
      );
    }
    const known = await this.knownClassifications();
    return this.submitParts(submitter, async (store) => {
      let request: SubmitMessageRequest | undefined;
      await readMultipart(
        req,
        limits,
        (json) => {
          request = validateSubmission(json, limits, known);
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
        attachment: async (index, name, type, source, contentId) => {
          const max = Math.min(limits.maxAttachmentBytes, limits.maxMessageBytes - total);
          const part = await put('attachment', index, source, max);
          const safe = { name: safeFileName(name, index), contentType: safeContentType(type) };
          const inline = safeContentId(contentId);
          stored.push({
            kind: 'attachment',
            index,
            ...safe,
            ...(inline ? { contentId: inline } : {}),
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
        this.committer.commit(tx, submitter, message, request, stored, copies),
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
}
