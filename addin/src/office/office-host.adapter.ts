/// <reference types="office-js" />
import type { OfficeHostInfo } from './compose-mail';
import { officeCall } from './office-call';

/** Resolves once Office.js is ready; outside Office (a plain browser) `host` is null. */
export async function officeReady(): Promise<OfficeHostInfo> {
  if (typeof Office === 'undefined') return outsideOffice();
  const info = await Office.onReady();
  const context = Office.context;
  const theme = context?.officeTheme;
  return {
    host: info.host ? String(info.host) : null,
    displayLanguage: context?.displayLanguage ?? null,
    theme: theme
      ? {
          bodyBackgroundColor: theme.bodyBackgroundColor,
          bodyForegroundColor: theme.bodyForegroundColor,
        }
      : null,
    supports: (name, version) => Boolean(context?.requirements?.isSetSupported(name, version)),
  };
}

function outsideOffice(): OfficeHostInfo {
  return { host: null, displayLanguage: null, theme: null, supports: () => false };
}

/** Office single sign-on (the legacy way; NAA is preferred): an access token for the API. */
export function officeSsoToken(): Promise<string> {
  return Office.auth.getAccessToken({
    allowSignInPrompt: true,
    allowConsentPrompt: true,
    forMSGraphAccess: false,
  });
}

/**
 * Office SSO without any prompt, for the send check's event runtime (which cannot show one): the
 * token when the client has one ready, else null.
 */
export async function officeSsoTokenSilently(): Promise<string | null> {
  try {
    if (!Office.context?.requirements?.isSetSupported('IdentityAPI', '1.3')) return null;
    return await Office.auth.getAccessToken({
      allowSignInPrompt: false,
      allowConsentPrompt: false,
      forMSGraphAccess: false,
    });
  } catch {
    return null;
  }
}

/** Smart Alerts: tells Outlook whether the send may go on. */
export type SendEventCompletion = {
  allowEvent: boolean;
  errorMessage?: string;
  cancelLabel?: string;
  commandId?: string;
  sendModeOverride?: 'promptUser';
};

/** Registers the OnMessageSend handler named in the manifest (a no-op outside Office). */
export function associateSendHandler(
  name: string,
  handler: (event: { completed(options: SendEventCompletion): void }) => void,
): void {
  if (typeof Office === 'undefined' || !Office.actions) return;
  Office.actions.associate(name, handler);
}

/** Outlook's UI language (e.g. "nl-NL"), or null outside Office. */
export function officeDisplayLanguage(): string | null {
  return typeof Office === 'undefined' ? null : (Office.context?.displayLanguage ?? null);
}

export { officeCall };
