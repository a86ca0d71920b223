import type { EvidenceEventView } from './evidence';
import type { LocalisedText } from './branding';
import type { RecipientState, Route } from './api';

/** One UTC day of GET /api/v1/admin/overview: messages sent that day, by route. */
export interface OverviewDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Messages with at least one copy on the route (a message on both routes counts on each). */
  direct: number;
  pickup: number;
}

export interface FailedDelivery {
  messageId: string;
  recipient: string;
  route: Route;
  state: RecipientState;
  /** When the copy reached its failed state. */
  at: string;
}

export interface ConnectorCertificateView {
  subject: string;
  issuer: string;
  /** ISO 8601. */
  notAfter: string;
  /** Whole days until it expires; negative once it has. */
  daysLeft: number;
  /** A self-signed certificate Zegel made itself because none is configured. */
  development: boolean;
}

/** GET /api/v1/admin/overview?days=N: how mail went over the last N days (UTC), and what waits. */
export interface AdminOverview {
  days: number;
  /** The first day counted, YYYY-MM-DD (UTC); the window ends now. */
  from: string;
  generatedAt: string;
  /** Every day of the window, oldest first, zero where nothing was sent. */
  messagesPerDay: OverviewDay[];
  /** Copies on the pickup route, and how many of them the recipient opened with the CE-ID. */
  pickup: { copies: number; opened: number; rate: number | null };
  /** Opened copies, and how many the recipient accepted or declined. */
  acceptance: { opened: number; accepted: number; declined: number; rate: number | null };
  /** Jobs waiting (notifications, deliveries, receipts) and the oldest one. */
  queue: {
    queued: number;
    oldestAt: string | null;
    oldestAgeSeconds: number | null;
    failed: number;
  };
  /** Copies of the window whose delivery or notification failed, the newest few. */
  failedDeliveries: { count: number; latest: FailedDelivery[] };
  /** The SMTP connector's TLS certificate; null when the connector is not running. */
  connectorCertificate: ConnectorCertificateView | null;
}

/** What the recipient's admin could change: one SmartTLS finding in words, in both languages. */
export interface ReadinessAdvice {
  code: string;
  host?: string;
  why: LocalisedText;
  /** Empty when the finding needs no change. */
  fix: LocalisedText;
}

/** One recipient domain of GET /api/v1/admin/smarttls/readiness. */
export interface ReadinessDomain {
  domain: string;
  /** Copies sent to the domain in the window, and on which route they went. */
  copies: number;
  direct: number;
  pickup: number;
  lastSentAt: string;
  /** The route confidential mail to this domain gets now, and the first reason why. */
  route: Route | 'hold';
  routeReason: { code: string; message: string };
  /** The SmartTLS verdict; `pending` while the check is still running (ask again shortly). */
  verdict: 'direct' | 'pickup' | 'defer' | 'pending' | 'failed';
  checkedAt: string | null;
  /** The SmartTLS findings that stand between the domain and direct delivery, with advice. */
  advice: ReadinessAdvice[];
}

export interface ReadinessList {
  days: number;
  /** True when some verdicts were still pending. */
  pending: boolean;
  domains: ReadinessDomain[];
}

/** GET /api/v1/admin/events: the filters, every one optional. */
export interface AdminEventQuery {
  /** One or more event types, comma-separated. */
  type?: string;
  messageId?: string;
  /** Part of the actor, any case. */
  actor?: string;
  /** YYYY-MM-DD (UTC), both inclusive. */
  from?: string;
  to?: string;
  /** `next` of the page before: events with a smaller seq. */
  before?: string;
  /** 1 to 1000, default 200. */
  limit?: number;
}

/** The events that match, newest first, each verified with its link to the one before it. */
export interface AdminEventsPage {
  events: EvidenceEventView[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
  /** How many events match the filters in all. */
  total: number;
}
