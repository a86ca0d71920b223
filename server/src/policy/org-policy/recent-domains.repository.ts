import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../database/database.service';
import { MessageEntity } from '../../messages/message.entity';
import { RecipientEntity } from '../../messages/recipient.entity';
import { domainOf } from '../ruleset/domain-list.util';

/** How many recent copies are read to find the sample of recipient domains. */
const RECENT_COPIES = 2000;

/**
 * Read-only SQL for the policy preflight: the recipient domains of the most recent messages.
 * (Reads the messages domain's tables; the policy module sits below it and must not import it.)
 */
@Injectable()
export class RecentDomainsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Up to `limit` distinct recipient domains, most recently used first. */
  async recent(limit: number): Promise<string[]> {
    const rows = await this.db.manager
      .createQueryBuilder(RecipientEntity, 'r')
      .innerJoin(MessageEntity, 'm', 'm.id = r.messageId')
      .select('r.address', 'address')
      .orderBy('m.createdAt', 'DESC')
      .limit(RECENT_COPIES)
      .getRawMany<{ address: string }>();
    return [...new Set(rows.map((r) => domainOf(r.address)))].slice(0, limit);
  }
}
