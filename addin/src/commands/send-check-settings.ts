import type { SendCheckSettings } from '@zegel/shared';
import { officeSsoTokenSilently } from '../office/office-host.adapter';
import { officeRoamingStore, type RoamingStore } from '../office/roaming-settings';

/** Where the last answer is remembered, per mailbox, for a send when Zegel does not answer. */
export const INTERNAL_DOMAINS_SETTING = 'zegelPolicyInternalDomains';
/** More than an organisation has; keeps a hostile answer from filling the 32 KB of settings. */
const MAX_DOMAINS = 500;

export type InternalDomainsSource = () => Promise<string[]>;

export interface InternalDomainsOptions {
  /** A token for the API, or null (development mode needs none). Must never prompt. */
  token?: () => Promise<string | null>;
  /** Outlook is holding the user's send: wait at most this long for Zegel. */
  timeoutMs?: number;
  base?: string;
  store?: RoamingStore | null;
}

/** The answer's domains, lower case, or null when it is not a list of names. */
function domainsOf(value: unknown): string[] | null {
  const list = (value as Partial<SendCheckSettings> | null)?.internalDomains;
  if (!Array.isArray(list) || list.length > MAX_DOMAINS) return null;
  if (!list.every((d) => typeof d === 'string' && /^[a-z0-9.-]{1,253}$/i.test(d))) return null;
  return list.map((d: string) => d.toLowerCase());
}

/**
 * The organisation policy's internal domains, so a change in the admin console reaches the send
 * check without a new add-in build: fresh from Zegel when it answers in time, else the last answer
 * this mailbox remembered, else none (the build's own list still applies). Never throws.
 */
export async function policyInternalDomains(
  options: InternalDomainsOptions = {},
): Promise<string[]> {
  const {
    token = officeSsoTokenSilently,
    timeoutMs = 1500,
    base = '',
    store = officeRoamingStore(),
  } = options;
  const remembered = () => domainsOf({ internalDomains: store?.get(INTERNAL_DOMAINS_SETTING) });
  const ask = async (): Promise<string[] | null> => {
    const bearer = await token();
    const response = await fetch(`${base}/api/v1/send-check/settings`, {
      credentials: 'same-origin',
      headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    });
    if (!response.ok) return null;
    const fresh = domainsOf(await response.json());
    if (fresh && store && JSON.stringify(fresh) !== JSON.stringify(remembered())) {
      store.set(INTERNAL_DOMAINS_SETTING, fresh);
      // Remembering is a convenience for a later offline send; the check does not wait on it.
      store.save().catch(() => undefined);
    }
    return fresh;
  };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const fresh = await Promise.race([ask().catch(() => null), timeout]);
  return fresh ?? remembered() ?? [];
}
