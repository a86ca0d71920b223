import type {
  ClassificationInfo,
  MailFlowPreview,
  MailFlowRuleInput,
  MailFlowRuleView,
  MailFlowSampleInput,
} from '@zegel/shared';
import { requestJson, requestText } from '../../common/api-client';

const RULES = '/api/v1/admin/mail-flow-rules';

export const rulesApi = {
  list: () => requestJson<MailFlowRuleView[]>(RULES),
  create: (input: MailFlowRuleInput) =>
    requestJson<MailFlowRuleView>(RULES, { method: 'POST', body: input }),
  /** Refused with 409 when someone saved the rule after `version`. */
  replace: (id: string, version: number, input: MailFlowRuleInput) =>
    requestJson<MailFlowRuleView>(`${RULES}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: input,
      ifMatch: version,
    }),
  remove: (id: string, version: number) =>
    requestJson<void>(`${RULES}/${encodeURIComponent(id)}`, { method: 'DELETE', ifMatch: version }),
  reorder: (order: { id: string; version: number }[]) =>
    requestJson<MailFlowRuleView[]>(`${RULES}/reorder`, { method: 'POST', body: { order } }),
  preview: (sample: MailFlowSampleInput) =>
    requestJson<MailFlowPreview>(`${RULES}/preview`, { method: 'POST', body: sample }),
  classifications: () => requestJson<ClassificationInfo[]>('/api/v1/classifications'),
  exchangeScript: (target: 'online' | 'onprem') =>
    requestText(`/api/v1/admin/exchange/script?target=${target}`),
};
