import type { AdminConsoleConfig } from '@zegel/shared';
import type { IPublicClientApplication } from '@azure/msal-browser';

export type OidcConsoleConfig = Extract<AdminConsoleConfig, { signIn: 'oidc' }> & {
  clientId: string;
};

/** The console's sign-in with the organisation's identity provider (MSAL, code flow + PKCE). */
export interface ConsoleAuth {
  /** Whether someone is signed in here (after a sign-in that just returned, too). */
  signedIn: boolean;
  /** Leaves for the identity provider's sign-in page; it returns to /admin. */
  signIn(): Promise<void>;
  /** Signs out at the identity provider as well, then returns to /admin. */
  signOut(): Promise<void>;
  /** An access token for the Zegel API, renewed silently; rejects when a new sign-in is needed. */
  token(): Promise<string>;
}

/**
 * Starts MSAL for the browser and finishes a sign-in that returned to this page. MSAL is loaded
 * only here, so development mode never fetches it. The redirect URI is /admin on this origin:
 * register exactly that (type "Single-page application") with the identity provider.
 */
export async function startConsoleAuth(config: OidcConsoleConfig): Promise<ConsoleAuth> {
  const msal = await import('@azure/msal-browser');
  const redirectUri = `${window.location.origin}/admin`;
  const app: IPublicClientApplication = new msal.PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // Trust the configured authority as it is: no instance discovery at Microsoft for it.
      knownAuthorities: [new URL(config.authority).host],
      redirectUri,
      postLogoutRedirectUri: redirectUri,
    },
    // Per tab, gone with it: a console left open elsewhere does not stay signed in.
    cache: { cacheLocation: msal.BrowserCacheLocation.SessionStorage },
    system: {
      protocolMode: config.protocol === 'entra' ? msal.ProtocolMode.AAD : msal.ProtocolMode.OIDC,
    },
  });
  await app.initialize();
  const returned = await app.handleRedirectPromise();
  const account = returned?.account ?? app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;
  if (account) app.setActiveAccount(account);
  const scopes = config.scopes;
  return {
    signedIn: account !== null,
    signIn: () => app.loginRedirect({ scopes, redirectStartPage: window.location.href }),
    signOut: () => {
      const active = app.getActiveAccount() ?? undefined;
      // The ID token as hint: OpenID RP-initiated logout returns to the redirect URI only then.
      return app.logoutRedirect({ account: active, idTokenHint: active?.idToken });
    },
    async token() {
      const active = app.getActiveAccount();
      if (!active) throw new Error('Not signed in.');
      return (await app.acquireTokenSilent({ scopes, account: active })).accessToken;
    },
  };
}
