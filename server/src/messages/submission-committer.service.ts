import { Injectable } from '@nestjs/common';
import type { RouteReason, SubmitMessageRequest, SubmitMessageResponse } from '@zegel/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OrgPolicyService } from '../policy/org-policy/org-policy.service';
import { EvidenceService } from '../evidence/evidence.service';
import { JobQueue } from '../queue/job-queue';
import type { JobPayloads, SenderCode } from '../queue/job-types';
import { VaultService } from '../vault/vault.service';
import { metaContext, partDigests, type SealedMeta } from './content.service';
import type { StoredPart, Submitter } from './intake.types';
import { MessageRepository } from './message.repository';
import type { PlannedCopy } from './recipient-planner.service';
import { RecipientRepository } from './recipient.repository';
import { sealSenderCodes, secretsContext, type RecipientSecrets } from './sealed-payloads';

/**
 * Commits a received message in the caller's transaction: the message, its wrapped key and parts,
 * its copies, the SubmissionAcceptance evidence, and the jobs that follow (notifications, direct
 * deliveries, the codes mail for connector mail). All of it or nothing.
 */
@Injectable()
export class SubmissionCommitter {
  constructor(
    private readonly vault: VaultService,
    private readonly evidence: EvidenceService,
    private readonly queue: JobQueue,
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly policies: OrgPolicyService,
  ) {}

  async commit(
    tx: EntityManager,
    submitter: Submitter,
    message: { id: string; key: Buffer; wrapped: string; total: number },
    request: SubmitMessageRequest,
    stored: StoredPart[],
    copies: PlannedCopy[],
  ): Promise<SubmitMessageResponse> {
    const { id: messageId, key } = message;
    const now = new Date();
    // The retention of the classification (the policy's accept window unless set per classification).
    const days = await this.policies.retentionDaysFor(request.classification);
    const expiresAt = new Date(now.getTime() + days * 86_400_000);
    const attachments = stored
      .filter((p) => p.kind === 'attachment')
      .sort((a, b) => a.index - b.index);
    const meta: SealedMeta = {
      subject: request.subject,
      ...(submitter.senderName ? { senderName: submitter.senderName.slice(0, 120) } : {}),
      attachments: attachments.map((a) => {
        const contentId =
          a.contentId ?? request.inlineImages?.find((i) => i.attachment === a.index)?.contentId;
        return { name: a.name!, ...(contentId ? { contentId } : {}) };
      }),
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
        allowReplies: request.allowReplies ?? true,
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
        why: pickupWhy(c.reasons),
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

/** The route reason and the SmartTLS findings behind it, without the wording (the mail words it). */
function pickupWhy(reasons: RouteReason[]): JobPayloads['notify-recipient']['why'] {
  const first = reasons[0];
  if (!first) return undefined;
  return {
    code: first.code,
    details: (first.details ?? []).slice(0, 8).map((d) => ({
      code: d.code,
      ...(d.host ? { host: d.host } : {}),
    })),
  };
}
