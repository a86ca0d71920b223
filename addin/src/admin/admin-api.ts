import { requestJson } from '../common/api-client';
import type { OutboxMailSummary, OutboxMailView, SmsOutboxEntry } from '@zegel/shared';

const BASE = '/api/v1/admin';

export const adminApi = {
  outbox: () => requestJson<OutboxMailSummary[]>(`${BASE}/outbox`),
  /** The captured mail, read by the server: decoded headers, text, attachment names. */
  outboxMail: (id: string) =>
    requestJson<OutboxMailView>(`${BASE}/outbox/${encodeURIComponent(id)}/view`),
  smsOutbox: () => requestJson<SmsOutboxEntry[]>(`${BASE}/sms-outbox`),
};
