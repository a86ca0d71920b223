import { useEffect, useState } from 'react';
import type { PublicBranding } from '@zegel/shared';
import { requestJson } from '../common/api-client';

/**
 * The sending organisation's branding (GET /api/v1/branding), or null until it arrives or when it
 * cannot be read: the page works without it, it then just says less about who sent the message.
 */
export function useBranding(): PublicBranding | null {
  const [branding, setBranding] = useState<PublicBranding | null>(null);
  useEffect(() => {
    let live = true;
    requestJson<PublicBranding>('/api/v1/branding').then(
      (value) => live && setBranding(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return branding;
}
