import type { MessageStatusResponse, NewCodeResponse, TrackingPage } from '@zegel/shared';
import { requestJson, toApiError } from '../../common/api-client';

export type TrackingFilters = Record<
  'sender' | 'recipient' | 'classification' | 'state' | 'from' | 'to',
  string
>;

const path = (id: string, address: string, action: string) =>
  `/api/v1/${action === 'new-code' ? '' : 'admin/'}messages/${encodeURIComponent(id)}/recipients/${encodeURIComponent(address)}/${action}`;

export const trackingApi = {
  search: (filters: TrackingFilters, cursor?: string) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v.trim() !== ''));
    if (cursor) query.set('cursor', cursor);
    return requestJson<TrackingPage>(`/api/v1/admin/messages?${query}`);
  },
  detail: (id: string) =>
    requestJson<MessageStatusResponse>(`/api/v1/messages/${encodeURIComponent(id)}`),
  revoke: (id: string, reason: string) =>
    requestJson<unknown>(`/api/v1/messages/${encodeURIComponent(id)}/revoke`, {
      method: 'POST',
      body: { reason },
    }),
  newCode: (id: string, address: string, reason: string) =>
    requestJson<NewCodeResponse>(path(id, address, 'new-code'), {
      method: 'POST',
      body: { reason },
    }),
  resend: (id: string, address: string, reason: string) =>
    requestJson<unknown>(path(id, address, 'resend-notification'), {
      method: 'POST',
      body: { reason },
    }),
  unlock: async (id: string, address: string, reason: string) => {
    const response = await fetch(path(id, address, 'unlock'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ reason }),
    });
    // 204 without a body, which requestJson would try to read.
    if (!response.ok) throw await toApiError(response);
  },
};
