export type SignInMethod = 'development' | 'naa' | 'sso' | 'unavailable';

/**
 * How the pane gets a token: none when the server answers /me without one (development mode);
 * Nested App Authentication when the client has NestedAppAuth 1.1 and the add-in's Entra app is
 * configured; Office SSO (IdentityAPI 1.3) otherwise.
 */
export function chooseSignIn(input: {
  serverNeedsToken: boolean;
  naaSupported: boolean;
  ssoSupported: boolean;
  clientId: string | null;
  apiScope: string | null;
}): SignInMethod {
  if (!input.serverNeedsToken) return 'development';
  if (input.naaSupported && input.clientId && input.apiScope) return 'naa';
  if (input.ssoSupported) return 'sso';
  return 'unavailable';
}
