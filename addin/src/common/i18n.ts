/** The languages of the recipient-facing pages; Dutch first, English for everyone else. */
export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** Each language's own name, so the switch reads right whatever is selected. */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

const STORAGE_KEY = 'zegel.language';

/** The first of the browser's preferred languages that we speak; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl') return 'nl';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function isLanguage(value: unknown): value is Language {
  return value === 'nl' || value === 'en';
}

/** The language the visitor chose earlier on this device, else the browser's. */
export function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be off (private mode, policy); the browser's language still works.
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return detectLanguage(preferred);
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered; the switch still works for this visit.
  }
}
