import { Injectable } from '@nestjs/common';
import type { AdminOverview, ConnectorCertificateView, OverviewDay } from '@zegel/shared';
import { X509Certificate } from 'node:crypto';
import { SmtpConnector } from '../connector/smtp-connector.service';
import { JobRepository } from '../queue/job.repository';
import { daysFrom, rate, windowStart } from './overview-window.util';
import { OverviewRepository, type RouteDayCount } from './overview.repository';

const LATEST_FAILURES = 5;

/** The admin overview: how mail went over the last days, what waits in the queue, what expires. */
@Injectable()
export class OverviewService {
  constructor(
    private readonly overview: OverviewRepository,
    private readonly jobs: JobRepository,
    private readonly connector: SmtpConnector,
  ) {}

  async build(days: number, now = new Date()): Promise<AdminOverview> {
    const since = windowStart(now, days);
    const [perDay, outcomes, latest, depth] = await Promise.all([
      this.overview.messagesPerDay(since),
      this.overview.copyOutcomes(since),
      this.overview.latestFailures(since, LATEST_FAILURES),
      this.jobs.depth(),
    ]);
    return {
      days,
      from: since.toISOString().slice(0, 10),
      generatedAt: now.toISOString(),
      messagesPerDay: fillDays(daysFrom(since, days), perDay),
      pickup: {
        copies: outcomes.pickupCopies,
        opened: outcomes.opened,
        rate: rate(outcomes.opened, outcomes.pickupCopies),
      },
      acceptance: {
        opened: outcomes.opened,
        accepted: outcomes.accepted,
        declined: outcomes.declined,
        rate: rate(outcomes.accepted, outcomes.opened),
      },
      queue: {
        queued: depth.queued,
        oldestAt: depth.oldest?.toISOString() ?? null,
        oldestAgeSeconds: depth.oldest
          ? Math.max(0, Math.round((now.getTime() - depth.oldest.getTime()) / 1000))
          : null,
        failed: depth.failed,
      },
      failedDeliveries: { count: outcomes.failed, latest },
      connectorCertificate: this.certificate(now),
    };
  }

  private certificate(now: Date): ConnectorCertificateView | null {
    const tls = this.connector.tls;
    if (!tls) return null;
    const x = new X509Certificate(tls.cert);
    const notAfter = new Date(x.validTo);
    return {
      subject: x.subject.replace(/\n/g, ', '),
      issuer: x.issuer.replace(/\n/g, ', '),
      notAfter: notAfter.toISOString(),
      daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
      development: tls.development,
    };
  }
}

function fillDays(days: string[], counts: RouteDayCount[]): OverviewDay[] {
  const byDay = new Map(days.map((day) => [day, { day, direct: 0, pickup: 0 }]));
  for (const c of counts) {
    const entry = byDay.get(c.day);
    if (entry) entry[c.route] = c.messages;
  }
  return [...byDay.values()];
}
