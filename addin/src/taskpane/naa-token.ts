import type { IPublicClientApplication } from '@azure/msal-browser';

let app: Promise<IPublicClientApplication> | null = null;

/**
 * A token for the Zegel API through Nested App Authentication. MSAL is loaded only when used, so
 * the pane stays small for clients that never need it.
 */
export async function naaToken(config: {
  clientId: string;
  apiScope: string;
  authority: string | null;
}): Promise<string> {
  app ??= import('@azure/msal-browser').then((msal) =>
    msal.createNestablePublicClientApplication({
      auth: {
        clientId: config.clientId,
        authority: `https://login.microsoftonline.com/${config.authority ?? 'organizations'}`,
      },
    }),
  );
  const client = await app;
  const request = { scopes: [config.apiScope] };
  try {
    return (await client.acquireTokenSilent(request)).accessToken;
  } catch {
    // Consent or a fresh sign-in is needed: Outlook shows its own prompt.
    return (await client.acquireTokenPopup(request)).accessToken;
  }
}
