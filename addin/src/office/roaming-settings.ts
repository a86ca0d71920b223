/// <reference types="office-js" />
import { officeCall } from './office-call';

/**
 * The add-in's per-user settings that roam with the mailbox (Office.context.roamingSettings: at
 * most 32 KB in all, kept by Exchange, so they follow the user to another computer).
 */
export interface RoamingStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  save(): Promise<void>;
}

/** The mailbox's roaming settings, or null outside Outlook (nothing is remembered then). */
export function officeRoamingStore(): RoamingStore | null {
  if (typeof Office === 'undefined') return null;
  const settings = Office.context?.roamingSettings;
  if (!settings) return null;
  return {
    get: (name) => settings.get(name) as unknown,
    set: (name, value) => settings.set(name, value),
    save: () => officeCall<void>((done) => settings.saveAsync(done)),
  };
}
