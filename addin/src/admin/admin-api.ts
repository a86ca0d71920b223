import { requestJson, requestText } from '../common/api-client';
import type { OutboxMailSummary, SmsOutboxEntry } from '@zegel/shared';

const BASE = '/api/v1/admin';

export const adminApi = {
  outbox: () => requestJson<OutboxMailSummary[]>(`${BASE}/outbox`),
  /** The captured mail as RFC 5322 text. */
  outboxMail: (id: string) => requestText(`${BASE}/outbox/${encodeURIComponent(id)}`),
  smsOutbox: () => requestJson<SmsOutboxEntry[]>(`${BASE}/sms-outbox`),
};
