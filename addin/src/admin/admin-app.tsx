import { Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { AppProvider } from '../common/app-provider';
import { rememberLanguage, type Language } from '../common/i18n';
import { LanguageSwitch } from '../common/language-switch';
import { AdminLanguageContext } from './admin-language';
import { NotFoundSection } from './not-found-section';
import { ADMIN_SECTIONS, sectionForPath } from './sections';
import { SHELL_MESSAGES } from './shell.messages';

const useStyles = makeStyles({
  shell: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateRows: 'auto auto 1fr',
    minHeight: '100vh',
    '@media (min-width: 800px)': {
      gridTemplateColumns: '200px minmax(0, 1fr)',
      gridTemplateRows: 'auto 1fr',
    },
  },
  top: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  // The switch sits on the brand colour: its subtle buttons take the foreground of the bar.
  topSwitch: { '& button': { color: tokens.colorNeutralForegroundOnBrand } },
  nav: {
    padding: tokens.spacingVerticalS,
    overflowX: 'auto',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (min-width: 800px)': {
      borderBottom: 'none',
      borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    },
  },
  main: { padding: tokens.spacingHorizontalL, minWidth: 0 },
});

/** The admin shell: a nav of sections beside the selected one, each at its own URL. */
export function AdminApp(props: { initial: Language }) {
  const styles = useStyles();
  const [language, setLanguage] = useState<Language>(props.initial);
  const [pathname, setPathname] = useState(window.location.pathname);
  const [wide, setWide] = useState(() => window.matchMedia('(min-width: 800px)').matches);
  useEffect(() => {
    const onPop = () => setPathname(window.location.pathname);
    const query = window.matchMedia('(min-width: 800px)');
    const onWidth = () => setWide(query.matches);
    window.addEventListener('popstate', onPop);
    query.addEventListener('change', onWidth);
    return () => {
      window.removeEventListener('popstate', onPop);
      query.removeEventListener('change', onWidth);
    };
  }, []);
  const t = SHELL_MESSAGES[language];
  const section = sectionForPath(pathname);
  const title = section ? section.label[language] : t.notFoundTitle;
  useEffect(() => {
    document.title = `${title} – ${t.titleSuffix}`;
  }, [title, t]);
  const go = (id: string) => {
    const next = ADMIN_SECTIONS.find((s) => s.id === id) ?? ADMIN_SECTIONS[0];
    window.history.pushState(null, '', next.path);
    setPathname(next.path);
  };
  const changeLanguage = (next: Language) => {
    setLanguage(next);
    rememberLanguage(next);
  };
  return (
    <AppProvider lang={language}>
      <AdminLanguageContext.Provider value={language}>
        <div className={styles.shell}>
          <header className={styles.top}>
            <Text size={500} weight="semibold">
              {t.product}
            </Text>
            <div className={styles.topSwitch}>
              <LanguageSwitch
                language={language}
                label={t.languageLabel}
                onChange={changeLanguage}
              />
            </div>
          </header>
          <nav className={styles.nav} aria-label={t.sectionsLabel}>
            <TabList
              vertical={wide}
              selectedValue={section?.id ?? null}
              onTabSelect={(_event, data) => go(String(data.value))}
            >
              {ADMIN_SECTIONS.map((s) => (
                <Tab key={s.id} value={s.id}>
                  {s.label[language]}
                </Tab>
              ))}
            </TabList>
          </nav>
          <main className={styles.main}>
            {section ? (
              section.render()
            ) : (
              <NotFoundSection
                path={pathname}
                firstPath={ADMIN_SECTIONS[0].path}
                onGo={() => go(ADMIN_SECTIONS[0].id)}
              />
            )}
          </main>
        </div>
      </AdminLanguageContext.Provider>
    </AppProvider>
  );
}
