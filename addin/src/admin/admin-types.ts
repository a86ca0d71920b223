// The admin outbox answers. They belong in shared/src/api.ts next to the other API types; they
// live here until they move there.

export type OutboxMailKind = 'notification' | 'receipt' | 'dsn' | 'other';

/** GET /api/v1/admin/outbox: one captured mail, newest first. */
export interface OutboxMailSummary {
  id: string;
  kind: OutboxMailKind;
  to: string[];
  subject: string;
  date: string;
  size: number;
}

/** GET /api/v1/admin/sms-outbox: one captured text message, newest first. */
export interface SmsOutboxEntry {
  id: string;
  to: string;
  text: string;
  date: string;
}
