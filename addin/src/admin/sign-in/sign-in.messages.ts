import type { Language } from '../../common/i18n';

/** The texts of the console's sign-in, its no-access page and the signed-in bar (English first). */
const en = {
  loading: 'Loading…',
  signInTitle: 'Sign in',
  signInHeading: 'Sign in to Zegel admin',
  signInIntro: "Sign in with your organisation's account (Microsoft Entra ID).",
  signInRoles:
    'The app role Zegel.Admin opens the whole console; Zegel.Soc opens the event log, read-only.',
  signInButton: 'Sign in',
  expiredTitle: 'Signed out',
  expiredText:
    'Your sign-in has expired or the server did not accept it. Sign in again to continue.',
  failedTitle: 'Sign-in failed',
  failedText: (detail: string) => `The sign-in did not complete: ${detail}`,
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  noAccessTitle: 'No access',
  noAccessText: (who: string) =>
    `You are signed in${who ? ` as ${who}` : ''}, but your account has neither the Zegel.Admin nor the Zegel.Soc app role.`,
  noAccessHint:
    "Ask your organisation's Microsoft Entra ID administrator to assign you one of these roles in the Zegel enterprise application, then sign in again.",
  socTitle: 'Event log only',
  socText:
    'You are signed in with the Zegel.Soc role: you can read, verify and export the event log, and change nothing. The other sections need the Zegel.Admin role.',
  adminOnly: 'This section needs the Zegel.Admin role.',
  adminOnlyLink: 'Go to the event log',
  notConfiguredTitle: 'Sign-in is not set up',
  notConfiguredText:
    'The server asks for sign-in but has no client id for the admin console. Set ZEGEL_ADMIN_CLIENT_ID (see docs/authentication.md).',
};

export type SignInTexts = typeof en;

const nl: SignInTexts = {
  loading: 'Laden…',
  signInTitle: 'Aanmelden',
  signInHeading: 'Aanmelden bij Zegel beheer',
  signInIntro: 'Meld u aan met het account van uw organisatie (Microsoft Entra ID).',
  signInRoles:
    'De app-rol Zegel.Admin opent het hele beheer; Zegel.Soc opent alleen het gebeurtenissenlog, om te lezen.',
  signInButton: 'Aanmelden',
  expiredTitle: 'Afgemeld',
  expiredText:
    'Uw aanmelding is verlopen of de server accepteerde haar niet. Meld u opnieuw aan om verder te gaan.',
  failedTitle: 'Aanmelden mislukt',
  failedText: (detail: string) => `Het aanmelden is niet gelukt: ${detail}`,
  signedInAs: (name: string) => `Aangemeld als ${name}`,
  signOut: 'Afmelden',
  noAccessTitle: 'Geen toegang',
  noAccessText: (who: string) =>
    `U bent aangemeld${who ? ` als ${who}` : ''}, maar uw account heeft de app-rol Zegel.Admin noch Zegel.Soc.`,
  noAccessHint:
    'Vraag de beheerder van Microsoft Entra ID in uw organisatie om u een van deze rollen te geven in de bedrijfstoepassing Zegel, en meld u daarna opnieuw aan.',
  socTitle: 'Alleen het gebeurtenissenlog',
  socText:
    'U bent aangemeld met de rol Zegel.Soc: u kunt het gebeurtenissenlog lezen, controleren en exporteren, maar niets wijzigen. De andere onderdelen vragen de rol Zegel.Admin.',
  adminOnly: 'Dit onderdeel vraagt de rol Zegel.Admin.',
  adminOnlyLink: 'Naar het gebeurtenissenlog',
  notConfiguredTitle: 'Aanmelden is niet ingesteld',
  notConfiguredText:
    'De server vraagt om aanmelding, maar heeft geen client-id voor het beheer. Stel ZEGEL_ADMIN_CLIENT_ID in (zie docs/authentication.md).',
};

export const SIGN_IN_MESSAGES: Record<Language, SignInTexts> = { en, nl };
