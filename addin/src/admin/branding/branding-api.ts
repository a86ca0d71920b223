import type { BrandingSettingsView, BrandingUpdate } from '@zegel/shared';
import { requestJson } from '../../common/api-client';

export const brandingApi = {
  get: () => requestJson<BrandingSettingsView>('/api/v1/admin/branding'),
  save: (update: BrandingUpdate) =>
    requestJson<BrandingSettingsView>('/api/v1/admin/branding', { method: 'PUT', body: update }),
};
