import type { ClassificationInput, ClassificationView } from '@zegel/shared';
import { requestJson } from '../../common/api-client';

const BASE = '/api/v1/admin/classifications';

export const classificationsApi = {
  list: () => requestJson<ClassificationView[]>(BASE),
  create: (input: ClassificationInput) =>
    requestJson<ClassificationView>(BASE, { method: 'POST', body: input }),
  update: (id: string, version: number, input: ClassificationInput) =>
    requestJson<ClassificationView>(`${BASE}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: input,
      ifMatch: version,
    }),
};
