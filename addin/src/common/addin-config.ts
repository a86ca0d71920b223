/** What to do with a mail to outside the organisation that carries no classification. */
export type UnlabelledPolicy = 'block' | 'warn' | 'allow';

/**
 * The add-in's settings, written at build time into /addin-config.json (and baked into the send
 * check's single file) from ZEGEL_ADDIN_* variables; see docs/addin.md.
 */
export interface AddinConfig {
  /** Entra ID application (client) id of the add-in, for Nested App Authentication. */
  clientId: string | null;
  /** The API scope the token is for, e.g. api://zegel.example.org/<id>/access_as_user. */
  apiScope: string | null;
  /** The tenant authority; `organizations` when unset. */
  authority: string | null;
  unlabelledExternal: UnlabelledPolicy;
  /** Domains that count as inside the organisation, besides the user's own. */
  internalDomains: string[];
}

export const DEFAULT_ADDIN_CONFIG: AddinConfig = {
  clientId: null,
  apiScope: null,
  authority: null,
  unlabelledExternal: 'block',
  internalDomains: [],
};

const POLICIES: readonly UnlabelledPolicy[] = ['block', 'warn', 'allow'];

/** Reads the JSON leniently: unknown or wrong fields fall back to the defaults. */
export function parseAddinConfig(value: unknown): AddinConfig {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const policy = POLICIES.find((p) => p === raw.unlabelledExternal);
  const domains = Array.isArray(raw.internalDomains) ? raw.internalDomains : [];
  return {
    clientId: text(raw.clientId),
    apiScope: text(raw.apiScope),
    authority: text(raw.authority),
    unlabelledExternal: policy ?? DEFAULT_ADDIN_CONFIG.unlabelledExternal,
    internalDomains: domains
      .filter((d): d is string => typeof d === 'string' && d.trim() !== '')
      .map((d) => d.trim().toLowerCase()),
  };
}

/** Builds the config from the build's environment (ZEGEL_ADDIN_*), failing on a bad policy. */
export function addinConfigFromEnv(env: Record<string, string | undefined>): AddinConfig {
  const policy = env.ZEGEL_ADDIN_UNLABELLED_EXTERNAL;
  if (policy !== undefined && !POLICIES.includes(policy as UnlabelledPolicy))
    throw new Error(
      `ZEGEL_ADDIN_UNLABELLED_EXTERNAL must be block, warn or allow, not "${policy}"`,
    );
  return parseAddinConfig({
    clientId: env.ZEGEL_ADDIN_CLIENT_ID,
    apiScope: env.ZEGEL_ADDIN_API_SCOPE,
    authority: env.ZEGEL_ADDIN_AUTHORITY,
    unlabelledExternal: policy,
    internalDomains: (env.ZEGEL_ADDIN_INTERNAL_DOMAINS ?? '').split(','),
  });
}
