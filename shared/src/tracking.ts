import type { RecipientState, RecipientStatus } from './api';

export const RECIPIENT_STATES: readonly RecipientState[] = [
  'pending',
  'notified',
  'notification-failed',
  'handed-over',
  'accepted',
  'declined',
  'expired',
  'locked',
  'revoked',
  'delivered',
  'delivery-failed',
];

/** GET /api/v1/admin/messages: every filter optional; addresses match exactly (lower case). */
export interface TrackingQuery {
  sender?: string;
  recipient?: string;
  classification?: string;
  /** Messages with at least one copy in this state. */
  state?: RecipientState;
  /** ISO dates (YYYY-MM-DD, UTC) or times; `to` is exclusive for a time, inclusive for a date. */
  from?: string;
  to?: string;
  /** `next` of the page before. */
  cursor?: string;
  /** 1 to 100, default 25. */
  limit?: number;
}

export interface TrackedMessage {
  id: string;
  sender: string;
  classification: string;
  createdAt: string;
  content: 'stored' | 'deleted';
  recipients: RecipientStatus[];
}

export interface TrackingPage {
  messages: TrackedMessage[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: string | null;
}

/** POST /api/v1/admin/messages/:id/recipients/:address/resend-notification */
export interface ResendNotificationRequest {
  reason: string;
}
