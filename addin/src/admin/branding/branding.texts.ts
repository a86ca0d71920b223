import type { Language } from '../../common/i18n';

export interface BrandingTexts {
  title: string;
  intro: string;
  loading: string;
  identity: string;
  organisationName: string;
  primaryColour: string;
  primaryColourHint: string;
  supportPhone: string;
  supportUrl: string;
  logo: string;
  logoHint: string;
  chooseLogo: string;
  removeLogo: string;
  noLogo: string;
  logoTooLarge: string;
  logoWrongType: string;
  mailTexts: string;
  mailTextsIntro: string;
  textLabels: { notification: string; ceId: string; receipt: string };
  dutch: string;
  english: string;
  save: string;
  saving: string;
  saved: (version: number) => string;
  invalid: string;
  conflictTitle: string;
  conflict: string;
  reload: string;
  preview: string;
  previewIntro: string;
  previewFrom: (org: string) => string;
  previewBody: (org: string) => string;
  previewOpen: string;
  previewQuestions: string;
  lastChange: (by: string, when: string) => string;
}

const en: BrandingTexts = {
  title: 'Branding',
  intro:
    'What recipients see: your name, logo and colour on the pickup page, and your texts in the notification, code and receipt mails. A save shows in the next mail.',
  loading: 'Loading the branding…',
  identity: 'Organisation',
  organisationName: 'Organisation name',
  primaryColour: 'Main colour',
  primaryColourHint: 'White text goes on it, so it must be dark enough (contrast 4.5:1).',
  supportPhone: 'Support phone number',
  supportUrl: 'Support web page',
  logo: 'Logo',
  logoHint: 'PNG, JPEG or SVG, at most 256 KB.',
  chooseLogo: 'Choose a logo',
  removeLogo: 'Remove the logo',
  noLogo: 'No logo',
  logoTooLarge: 'The logo is larger than 256 KB.',
  logoWrongType: 'The logo must be a PNG, JPEG or SVG file.',
  mailTexts: 'Texts in the mails',
  mailTextsIntro: 'Extra lines your organisation adds, in Dutch and English. Leave empty for none.',
  textLabels: {
    notification: 'Notification (the mail with the pickup link)',
    ceId: 'Code mail (CE-ID)',
    receipt: 'Receipt to the sender',
  },
  dutch: 'Dutch',
  english: 'English',
  save: 'Save branding',
  saving: 'Saving…',
  saved: (version) => `Saved (version ${version}). The next mail uses it.`,
  invalid: 'Some fields need attention; see the messages beside them.',
  conflictTitle: 'Changed by someone else',
  conflict:
    'Another admin saved the branding after you opened it. Reload to see their change, then make yours again.',
  reload: 'Reload',
  preview: 'Preview',
  previewIntro: 'The notification mail as recipients will see it.',
  previewFrom: (org) => `From: ${org} (Zegel)`,
  previewBody: (org) =>
    `j.jansen@${org.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'example'}.nl has sent you a registered message through ${org} (Zegel).`,
  previewOpen: 'Open the message',
  previewQuestions: 'Questions?',
  lastChange: (by, when) => `Last changed by ${by}, ${when}.`,
};

const nl: BrandingTexts = {
  title: 'Huisstijl',
  intro:
    'Wat ontvangers zien: uw naam, logo en kleur op de ophaalpagina, en uw teksten in de notificatie-, code- en ontvangstbevestigingsmails. Een wijziging staat in de eerstvolgende mail.',
  loading: 'Huisstijl laden…',
  identity: 'Organisatie',
  organisationName: 'Naam van de organisatie',
  primaryColour: 'Hoofdkleur',
  primaryColourHint:
    'Er komt witte tekst op, dus de kleur moet donker genoeg zijn (contrast 4,5:1).',
  supportPhone: 'Telefoonnummer voor vragen',
  supportUrl: 'Webpagina voor hulp',
  logo: 'Logo',
  logoHint: 'PNG, JPEG of SVG, hoogstens 256 kB.',
  chooseLogo: 'Logo kiezen',
  removeLogo: 'Logo verwijderen',
  noLogo: 'Geen logo',
  logoTooLarge: 'Het logo is groter dan 256 kB.',
  logoWrongType: 'Het logo moet een PNG-, JPEG- of SVG-bestand zijn.',
  mailTexts: 'Teksten in de mails',
  mailTextsIntro:
    'Extra regels van uw organisatie, in het Nederlands en het Engels. Leeg laten voor geen.',
  textLabels: {
    notification: 'Notificatie (de mail met de ophaallink)',
    ceId: 'Codemail (CE-ID)',
    receipt: 'Ontvangstbevestiging aan de afzender',
  },
  dutch: 'Nederlands',
  english: 'Engels',
  save: 'Huisstijl opslaan',
  saving: 'Opslaan…',
  saved: (version) => `Opgeslagen (versie ${version}). De volgende mail gebruikt deze.`,
  invalid: 'Enkele velden zijn niet in orde; zie de meldingen erbij.',
  conflictTitle: 'Door iemand anders gewijzigd',
  conflict:
    'Een andere beheerder heeft de huisstijl opgeslagen nadat u deze opende. Laad opnieuw om die wijziging te zien en breng de uwe daarna opnieuw aan.',
  reload: 'Opnieuw laden',
  preview: 'Voorbeeld',
  previewIntro: 'De notificatiemail zoals ontvangers die zien.',
  previewFrom: (org) => `Van: ${org} (Zegel)`,
  previewBody: (org) =>
    `j.jansen@${org.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'voorbeeld'}.nl heeft u een aangetekend bericht gestuurd via ${org} (Zegel).`,
  previewOpen: 'Bericht openen',
  previewQuestions: 'Vragen?',
  lastChange: (by, when) => `Laatst gewijzigd door ${by}, ${when}.`,
};

export const BRANDING_TEXTS: Record<Language, BrandingTexts> = { en, nl };
