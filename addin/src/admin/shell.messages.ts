import type { Language } from '../common/i18n';

/** The texts of the admin shell and of what every section shares (the English is the reference). */
const en = {
  product: 'Zegel admin',
  titleSuffix: 'Zegel admin',
  sectionsLabel: 'Sections',
  languageLabel: 'Language',
  refresh: 'Refresh',
  notFoundTitle: 'Page not found',
  notFoundText: (path: string) => `There is no admin page at ${path}.`,
  notFoundHint: 'Choose a section from the list, or go to the first one.',
  notFoundLink: 'Go to the first section',
  signInTitle: 'Sign-in required',
  signInText: 'You need to be signed in as an administrator to see this page.',
  loadFailed: 'Could not load',
  unreachable: 'The server cannot be reached.',
  reference: (id: string) => `reference ${id}`,
};

export type ShellTexts = typeof en;

const nl: ShellTexts = {
  product: 'Zegel beheer',
  titleSuffix: 'Zegel beheer',
  sectionsLabel: 'Onderdelen',
  languageLabel: 'Taal',
  refresh: 'Vernieuwen',
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: (path: string) => `Er is geen beheerpagina op ${path}.`,
  notFoundHint: 'Kies een onderdeel uit de lijst, of ga naar het eerste.',
  notFoundLink: 'Naar het eerste onderdeel',
  signInTitle: 'Aanmelden vereist',
  signInText: 'U moet als beheerder aangemeld zijn om deze pagina te zien.',
  loadFailed: 'Laden mislukt',
  unreachable: 'De server is niet bereikbaar.',
  reference: (id: string) => `referentie ${id}`,
};

export const SHELL_MESSAGES: Record<Language, ShellTexts> = { en, nl };
