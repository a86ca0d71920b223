import { Injectable } from '@nestjs/common';
import type { MessageStatusResponse, MessageSummary, RecipientStatus } from '@zegel/shared';
import { ownerIdOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { ZegelError } from '../common/zegel-error';
import { EvidenceService } from '../evidence/evidence.service';
import { ContentService } from './content.service';
import { MessageEntity } from './message.entity';
import { MessageRepository } from './message.repository';
import { RecipientEntity } from './recipient.entity';
import { RecipientRepository } from './recipient.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The sender's view of what they sent. Others get NOT_FOUND, not FORBIDDEN. */
@Injectable()
export class MessageQueries {
  constructor(
    private readonly messages: MessageRepository,
    private readonly recipients: RecipientRepository,
    private readonly content: ContentService,
    private readonly evidence: EvidenceService,
  ) {}

  /** The message if this user owns it (by issuer and subject) or is an admin; NOT_FOUND otherwise. */
  async owned(user: AuthenticatedUser, id: string): Promise<MessageEntity> {
    const message = UUID.test(id) ? await this.messages.byId(id) : null;
    if (!message || !mayRead(user, message)) throw new ZegelError('NOT_FOUND', 'No such message.');
    return message;
  }

  async status(user: AuthenticatedUser, id: string): Promise<MessageStatusResponse> {
    const message = await this.owned(user, id);
    const [recipients, parts, events] = await Promise.all([
      this.recipients.ofMessage(id),
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

  /** The sealed subject, while the content (and so its key) exists. */
  private async subjectOf(message: MessageEntity): Promise<string | null> {
    if (message.contentState !== 'stored' || !message.sealedMeta) return null;
    try {
      return this.content.meta(message, await this.content.dataKey(message.id)).subject;
    } catch {
      // Deleted between the read and the unsealing: no subject any more.
      return null;
    }
  }

  async list(user: AuthenticatedUser, limit: number): Promise<MessageSummary[]> {
    const messages = await this.messages.recentOfOwner(ownerIdOf(user), limit);
    const recipients = await this.recipients.ofMessages(messages.map((m) => m.id));
    const subjects = await Promise.all(messages.map((m) => this.subjectOf(m)));
    return messages.map((m, i) => ({
      id: m.id,
      subject: subjects[i],
      classification: m.classification,
      createdAt: m.createdAt.toISOString(),
      content: m.contentState,
      recipients: recipients.filter((r) => r.messageId === m.id).map(recipientStatus),
    }));
  }
}

export function mayRead(user: AuthenticatedUser, message: MessageEntity): boolean {
  return message.ownerId === ownerIdOf(user) || user.roles.includes('admin');
}

/** Who acts on a message: its sender, or an admin (who must say why). */
export function actorOf(
  user: AuthenticatedUser,
  message: MessageEntity,
  reason: string | undefined,
): string {
  if (message.ownerId === ownerIdOf(user)) return `sender:${user.email}`;
  if (!reason?.trim()) {
    throw new ZegelError('VALIDATION_FAILED', 'An admin acting on a message must give a reason.', [
      { path: 'reason', message: 'is required' },
    ]);
  }
  return `admin:${user.email}`;
}

export function recipientStatus(r: RecipientEntity): RecipientStatus {
  return {
    address: r.address,
    state: r.state,
    route: r.route,
    ceIdChannel: r.ceIdChannel,
    updatedAt: r.updatedAt.toISOString(),
    ...(r.smsStatus ? { smsStatus: r.smsStatus } : {}),
  };
}
