import { Injectable } from '@nestjs/common';
import type { RecipientState } from '@zegel/shared';
import { DatabaseService } from '../database/database.service';
import { MessageEntity } from './message.entity';
import { RecipientEntity } from './recipient.entity';

export interface TrackingFilter {
  sender?: string;
  recipient?: string;
  classification?: string;
  state?: RecipientState;
  from?: Date;
  to?: Date;
  /** Keyset: messages strictly older than this (createdAt, id). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

/**
 * The admin's search over messages. Every filter is on an indexed column (messages: sender,
 * classification, createdAt; recipients: messageId, address, state); pages are keyset pages on
 * (createdAt, id), so a deep page costs what the first one does.
 */
@Injectable()
export class TrackingRepository {
  constructor(private readonly db: DatabaseService) {}

  search(filter: TrackingFilter): Promise<MessageEntity[]> {
    const query = this.db.manager
      .createQueryBuilder(MessageEntity, 'm')
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(filter.limit);
    if (filter.sender) query.andWhere('m.sender = :sender', { sender: filter.sender });
    if (filter.classification)
      query.andWhere('m.classification = :classification', {
        classification: filter.classification,
      });
    if (filter.from) query.andWhere('m.createdAt >= :from', { from: filter.from.toISOString() });
    if (filter.to) query.andWhere('m.createdAt < :to', { to: filter.to.toISOString() });
    if (filter.before)
      query.andWhere('(m.createdAt < :bc OR (m.createdAt = :bc AND m.id < :bid))', {
        bc: filter.before.createdAt.toISOString(),
        bid: filter.before.id,
      });
    if (filter.recipient || filter.state) {
      const sub = this.db.manager
        .createQueryBuilder(RecipientEntity, 'r')
        .select('1')
        .where('r.messageId = m.id');
      if (filter.recipient) sub.andWhere('r.address = :recipient');
      if (filter.state) sub.andWhere('r.state = :state');
      query
        .andWhere(`EXISTS (${sub.getQuery()})`)
        .setParameters({ recipient: filter.recipient, state: filter.state });
    }
    return query.getMany();
  }
}
