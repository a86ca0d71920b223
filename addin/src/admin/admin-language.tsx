import { createContext, useContext } from 'react';
import type { Language } from '../common/i18n';

/** The admin pages' language, chosen in the shell and read by every section. */
export const AdminLanguageContext = createContext<Language>('en');

export function useAdminLanguage(): Language {
  return useContext(AdminLanguageContext);
}

/** A section's texts in the current language: `const t = useTexts(MESSAGES)`. */
export function useTexts<T>(messages: Record<Language, T>): T {
  return messages[useAdminLanguage()];
}

/** The same as `useTexts`, under the name the branding, tracking and event-log sections use. */
export const useAdminTexts = useTexts;
