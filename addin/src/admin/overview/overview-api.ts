import type { AdminOverview } from '@zegel/shared';
import { requestJson } from '../../common/api-client';

export const overviewApi = {
  get: (days: number) => requestJson<AdminOverview>(`/api/v1/admin/overview?days=${days}`),
};
