import type { OrgPolicyView, PolicyPreflightResponse } from '@zegel/shared';
import { requestJson } from '../../common/api-client';
import type { PolicyBody } from './policy-form.state';

const BASE = '/api/v1/admin/policy';

export const policyApi = {
  get: () => requestJson<OrgPolicyView>(BASE),
  preflight: (body: PolicyBody) =>
    requestJson<PolicyPreflightResponse>(`${BASE}/preflight`, { method: 'POST', body }),
  save: (version: number, body: PolicyBody) =>
    requestJson<OrgPolicyView>(BASE, { method: 'PUT', body, ifMatch: version }),
};
