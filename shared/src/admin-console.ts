/**
 * How the admin console signs in, served by the server at /admin-config.json (no secrets):
 * `development` needs no sign-in (loopback only); `oidc` signs in with authorization code + PKCE
 * against `authority` as the public client `clientId`, asking for `scopes` on the Zegel API.
 */
export type AdminConsoleConfig =
  | { signIn: 'development' }
  | {
      signIn: 'oidc';
      /** Where MSAL signs in, e.g. https://login.microsoftonline.com/<tenant-id>. */
      authority: string;
      /** `entra` for Microsoft's identity platform; `oidc` for any other OpenID provider. */
      protocol: 'entra' | 'oidc';
      /** The console's application (client) id; null when the server has none configured. */
      clientId: string | null;
      scopes: string[];
    };
