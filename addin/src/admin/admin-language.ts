import { useEffect, useState } from 'react';
import type { Language } from '../common/i18n';

const current = (): Language => (document.documentElement.lang.startsWith('nl') ? 'nl' : 'en');

/**
 * The admin console's language, as the shell sets it on the document (AppProvider writes `lang`).
 * Sections follow it without being handed it, so they stay independent of the shell's layout.
 */
export function useAdminLanguage(): Language {
  const [language, setLanguage] = useState(current);
  useEffect(() => {
    const observer = new MutationObserver(() => setLanguage(current()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    setLanguage(current());
    return () => observer.disconnect();
  }, []);
  return language;
}

/** Picks this language's texts from a table of both. */
export function useAdminTexts<T>(table: Record<Language, T>): T {
  return table[useAdminLanguage()];
}
