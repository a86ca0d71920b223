import type { AuthenticatedUser, Role } from './authenticated-user';

/** What the verified claims must satisfy; taken from `config.oidc`. */
export interface ClaimRules {
  requiredScope: string;
  adminRole: string;
  socRole: string;
}

export type ClaimsResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; reason: string };

// Deliberately plain: one @, no spaces or brackets, a dot in the domain. Entra may put a phone
// number or a bare name in preferred_username; those must not become a sender address.
const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]+$/;
const MAX_EMAIL_LENGTH = 254;

export function looksLikeEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}

function words(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Delegated scopes: Entra puts them in `scp`, RFC 9068 providers in `scope`; both space-separated. */
export function grantedScopes(claims: Record<string, unknown>): Set<string> {
  return new Set([...words(claims.scp), ...words(claims.scope)]);
}

export function hasScope(claims: Record<string, unknown>, scope: string): boolean {
  return grantedScopes(claims).has(scope);
}

/** Maps the token's app roles to Zegel roles; unknown role names are ignored. */
export function mapRoles(claims: Record<string, unknown>, rules: ClaimRules): Role[] {
  const names = new Set(words(claims.roles));
  const roles: Role[] = [];
  if (names.has(rules.adminRole)) roles.push('admin');
  if (names.has(rules.socRole)) roles.push('soc');
  return roles;
}

/** The first of preferred_username, email, upn that is an e-mail address, in lower case. */
export function pickEmail(claims: Record<string, unknown>): string | undefined {
  for (const name of ['preferred_username', 'email', 'upn']) {
    const value = claims[name];
    if (looksLikeEmail(value)) return value.toLowerCase();
  }
  return undefined;
}

/**
 * Whether the token was issued to an application for itself (client credentials), not for a user:
 * Entra says so with `idtyp: app` where that optional claim is on, and always by leaving out `scp`.
 * A token without scopes that still names a user is a user token lacking its scope, never an app.
 */
export function isAppOnly(claims: Record<string, unknown>): boolean {
  if (claims.idtyp === 'app') return true;
  if (claims.idtyp === 'user') return false;
  const scoped = claims.scp !== undefined || claims.scope !== undefined;
  const namesUser = ['preferred_username', 'upn', 'email'].some((n) => claims[n] !== undefined);
  return !scoped && !namesUser;
}

/**
 * An app-only token becomes an app principal that holds at most the SOC role: a daemon such as a
 * SIEM reads events, nothing else. Which routes admit apps at all is the guard's decision.
 */
function mapApp(sub: string, claims: Record<string, unknown>, rules: ClaimRules): ClaimsResult {
  if (!mapRoles(claims, rules).includes('soc')) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: `An app-only access token needs the app role ${rules.socRole}.`,
    };
  }
  const clientId = [claims.azp, claims.appid, claims.client_id].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  const tenantId = typeof claims.tid === 'string' && claims.tid ? claims.tid : undefined;
  return {
    ok: true,
    user: {
      id: sub,
      issuer: typeof claims.iss === 'string' ? claims.iss : '',
      email: '',
      name: `app ${clientId ?? sub}`,
      roles: ['soc'],
      app: { clientId: clientId ?? sub },
      ...(tenantId ? { tenantId } : {}),
    },
  };
}

/**
 * Turns the claims of a verified access token into the Zegel user, or says why not. Signature,
 * issuer, audience and expiry are checked before this; here: subject, scope, address and roles.
 * App-only tokens (client credentials) become an app principal with the SOC role only.
 */
export function mapClaimsToUser(claims: Record<string, unknown>, rules: ClaimRules): ClaimsResult {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') {
    return { ok: false, code: 'UNAUTHENTICATED', reason: 'The access token has no subject (sub).' };
  }
  if (isAppOnly(claims)) return mapApp(sub, claims, rules);
  if (!hasScope(claims, rules.requiredScope)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: `The access token lacks the scope ${rules.requiredScope}.`,
    };
  }
  const email = pickEmail(claims);
  if (!email) {
    return {
      ok: false,
      code: 'UNAUTHENTICATED',
      reason:
        'The access token names no e-mail address (preferred_username, email or upn must hold one).',
    };
  }
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
  const tenantId = typeof claims.tid === 'string' && claims.tid ? claims.tid : undefined;
  // Entra's `oid` names the person across all apps of the tenant; `sub` is per app. Either is
  // stable, unlike the address claims, which an issuer may let another account carry.
  const oid = typeof claims.oid === 'string' && claims.oid ? claims.oid : undefined;
  return {
    ok: true,
    user: {
      id: oid ?? sub,
      issuer: typeof claims.iss === 'string' ? claims.iss : '',
      email,
      name,
      roles: mapRoles(claims, rules),
      ...(tenantId ? { tenantId } : {}),
    },
  };
}

/** A route that asks for roles admits a user holding at least one of them; no roles asked, anyone. */
export function hasAnyRole(
  user: Pick<AuthenticatedUser, 'roles'>,
  required: readonly Role[],
): boolean {
  return required.length === 0 || required.some((role) => user.roles.includes(role));
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or of another scheme. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}
