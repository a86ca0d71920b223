import { Injectable } from '@nestjs/common';
import type { RecipientState, Route } from '@zegel/shared';
import { DatabaseService } from '../database/database.service';
import { engineOf, runSql } from '../database/sql.util';

export interface RouteDayCount {
  day: string;
  route: Route;
  messages: number;
}

export interface CopyOutcomes {
  pickupCopies: number;
  opened: number;
  accepted: number;
  declined: number;
  failed: number;
}

export interface FailedCopy {
  messageId: string;
  recipient: string;
  route: Route;
  state: RecipientState;
  at: string;
}

export interface DomainTraffic {
  domain: string;
  copies: number;
  direct: number;
  pickup: number;
  lastSentAt: string;
}

const FAILED_STATES = `('delivery-failed', 'notification-failed')`;

/**
 * The admin overview's aggregates over messages and their copies, for a window that starts at
 * `since` (an ISO time). Timestamps are fixed-width ISO text on every engine, so a day is the
 * first ten characters and the same SQL groups by day on SQLite and PostgreSQL. Every query is
 * bounded by the indexed messages."createdAt".
 */
@Injectable()
export class OverviewRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Messages per UTC day and route; a message with copies on both routes counts on each. */
  async messagesPerDay(since: Date): Promise<RouteDayCount[]> {
    const { rows } = await runSql<{ day: string; route: Route; messages: number | string }>(
      this.db.manager,
      `SELECT substr(m."createdAt", 1, 10) AS day, r.route AS route,
              COUNT(DISTINCT m.id) AS messages
       FROM messages m JOIN recipients r ON r."messageId" = m.id
       WHERE m."createdAt" >= ?
       GROUP BY substr(m."createdAt", 1, 10), r.route
       ORDER BY day, route`,
      [since.toISOString()],
    );
    return rows.map((r) => ({ day: r.day, route: r.route, messages: Number(r.messages) }));
  }

  /** What became of the copies of the window's messages. */
  async copyOutcomes(since: Date): Promise<CopyOutcomes> {
    const { rows } = await runSql<Record<keyof CopyOutcomes, number | string | null>>(
      this.db.manager,
      `SELECT SUM(CASE WHEN r.route = 'pickup' THEN 1 ELSE 0 END) AS "pickupCopies",
              SUM(CASE WHEN r."handedOverAt" IS NOT NULL THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN r.state = 'accepted' THEN 1 ELSE 0 END) AS accepted,
              SUM(CASE WHEN r.state = 'declined' THEN 1 ELSE 0 END) AS declined,
              SUM(CASE WHEN r.state IN ${FAILED_STATES} THEN 1 ELSE 0 END) AS failed
       FROM messages m JOIN recipients r ON r."messageId" = m.id
       WHERE m."createdAt" >= ?`,
      [since.toISOString()],
    );
    const row = rows[0];
    return {
      pickupCopies: Number(row?.pickupCopies ?? 0),
      opened: Number(row?.opened ?? 0),
      accepted: Number(row?.accepted ?? 0),
      declined: Number(row?.declined ?? 0),
      failed: Number(row?.failed ?? 0),
    };
  }

  /** The newest copies of the window whose delivery or notification failed. */
  async latestFailures(since: Date, limit: number): Promise<FailedCopy[]> {
    const { rows } = await runSql<FailedCopy>(
      this.db.manager,
      `SELECT r."messageId" AS "messageId", r.address AS recipient, r.route AS route,
              r.state AS state, r."updatedAt" AS at
       FROM messages m JOIN recipients r ON r."messageId" = m.id
       WHERE m."createdAt" >= ? AND r.state IN ${FAILED_STATES}
       ORDER BY r."updatedAt" DESC, r.id
       LIMIT ?`,
      [since.toISOString(), limit],
    );
    return rows;
  }

  /** The recipient domains of the window, busiest first, with their routes and last message. */
  async recipientDomains(since: Date, limit: number): Promise<DomainTraffic[]> {
    // The domain is what follows the @ (intake accepts one @ per address), lower-cased alike.
    const domain =
      engineOf(this.db.manager) === 'postgres'
        ? `lower(split_part(r.address, '@', 2))`
        : `lower(substr(r.address, instr(r.address, '@') + 1))`;
    const { rows } = await runSql<Record<keyof DomainTraffic, string | number>>(
      this.db.manager,
      `SELECT ${domain} AS domain, COUNT(*) AS copies,
              SUM(CASE WHEN r.route = 'direct' THEN 1 ELSE 0 END) AS direct,
              SUM(CASE WHEN r.route = 'pickup' THEN 1 ELSE 0 END) AS pickup,
              MAX(m."createdAt") AS "lastSentAt"
       FROM messages m JOIN recipients r ON r."messageId" = m.id
       WHERE m."createdAt" >= ?
       GROUP BY ${domain}
       ORDER BY copies DESC, domain
       LIMIT ?`,
      [since.toISOString(), limit],
    );
    return rows.map((r) => ({
      domain: String(r.domain),
      copies: Number(r.copies),
      direct: Number(r.direct),
      pickup: Number(r.pickup),
      lastSentAt: String(r.lastSentAt),
    }));
  }
}
