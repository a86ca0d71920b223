import type { AdminConsoleConfig } from '@zegel/shared';
import type { ZegelConfig } from '../config/config';

/** Hosts of Microsoft's identity platform (public and national clouds): MSAL's own protocol. */
const ENTRA_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/**
 * The admin console's sign-in settings, from the server's own OIDC settings where not set apart:
 * the authority is the issuer without Entra's `/v2.0`, and the scope is the required scope on the
 * API's Application ID URI (`api://<audience>/Zegel.Send`). Only public values: no secret exists
 * for a browser client, which proves itself with PKCE.
 */
export function adminConsoleConfig(
  config: Pick<ZegelConfig, 'authMode' | 'oidc'>,
): AdminConsoleConfig {
  if (config.authMode === 'dev') return { signIn: 'development' };
  const { issuer = '', audience = '', requiredScope, console = {} } = config.oidc;
  const authority = (console.authority ?? issuer).replace(/\/v2\.0\/?$/, '').replace(/\/$/, '');
  const resource = audience.includes('://') ? audience : `api://${audience}`;
  return {
    signIn: 'oidc',
    authority,
    protocol: ENTRA_HOSTS.has(new URL(authority).hostname) ? 'entra' : 'oidc',
    clientId: console.clientId ?? null,
    scopes: console.scopes?.length ? console.scopes : [`${resource}/${requiredScope}`],
  };
}

/** The origin the console's browser talks to for sign-in (CSP connect-src), if any. */
export function adminIdentityOrigin(config: Pick<ZegelConfig, 'authMode' | 'oidc'>): string | null {
  const console = adminConsoleConfig(config);
  return console.signIn === 'oidc' ? new URL(console.authority).origin : null;
}
