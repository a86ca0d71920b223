import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import './base.css';
import { useEffect, useState, type ReactNode } from 'react';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/** Follows the system's light or dark setting, also when it changes while the page is open. */
export function useDarkMode(): boolean {
  const [dark, setDark] = useState(prefersDark);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(DARK_QUERY);
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}

/** The Fluent theme for the whole page, and the document language for screen readers. */
export function AppProvider({ lang, children }: { lang: string; children: ReactNode }) {
  const dark = useDarkMode();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="zegel-app">
      {children}
    </FluentProvider>
  );
}
