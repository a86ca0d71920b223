/** What Zegel lets a signed-in person do beyond sending: manage policy, or read events for the SOC. */
export type Role = 'admin' | 'soc';
export const ROLES: readonly Role[] = ['admin', 'soc'];

/** The caller of an API request, set by the global AuthGuard; read it with `@CurrentUser()`. */
export interface AuthenticatedUser {
  /** The token's `oid` (Entra) or else `sub`; in development mode a fixed id. */
  id: string;
  /** The token's `iss`; with `id`, who owns what this user submits. */
  issuer: string;
  /** Lower-case e-mail address; the sender address of what this user submits. */
  email: string;
  name: string;
  roles: Role[];
  /** Entra ID tenant (`tid`), when the token names one. */
  tenantId?: string;
  /**
   * Set for an application acting for itself (an app-only token, e.g. a SIEM): it has no address
   * (email is empty) and reaches only routes marked @AllowApps().
   */
  app?: { clientId: string };
}

/** The one user of development mode (loopback only, see docs/authentication.md). */
export const DEVELOPMENT_USER: Readonly<AuthenticatedUser> = Object.freeze({
  id: 'development-user',
  issuer: 'development',
  email: 'developer@zegel.test',
  name: 'Development User',
  roles: ['admin', 'soc'] as Role[],
});

/**
 * The owner of what a user submits: issuer and subject, never the address, which another account
 * of some issuer may also carry. Only the owner (and admins) may read or change a message.
 */
export const ownerIdOf = (user: Pick<AuthenticatedUser, 'issuer' | 'id'>): string =>
  `${user.issuer} ${user.id}`;
