import {
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { AppProvider } from '../common/app-provider';
import { rememberLanguage, type Language } from '../common/i18n';
import { LanguageSwitch } from '../common/language-switch';
import { AdminLanguageContext } from './admin-language';
import { NotFoundSection } from './not-found-section';
import { ADMIN_SECTIONS, sectionForPath, type AdminSection } from './sections';
import { SHELL_MESSAGES } from './shell.messages';
import { GatePage, gateTitle } from './sign-in/gate-pages';
import { useConsoleSession, type ConsoleSession } from './sign-in/console-session';
import { SignedInBar } from './sign-in/signed-in-bar';
import { SIGN_IN_MESSAGES } from './sign-in/sign-in.messages';

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
  topEnd: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
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
  // Before the console (sign-in, no access): the top bar and one column.
  gate: { display: 'grid', gridTemplateRows: 'auto 1fr', minHeight: '100vh' },
  notice: { marginBottom: tokens.spacingVerticalM },
});

/** The sections the session may see: all of them, or the event log alone for the SOC role. */
function visibleSections(session: ConsoleSession): AdminSection[] {
  if (session.kind === 'signed-in' && session.access === 'soc')
    return ADMIN_SECTIONS.filter((s) => s.id === 'events');
  return ADMIN_SECTIONS;
}

/**
 * The admin shell: a nav of sections beside the selected one, each at its own URL. Outside
 * development mode a sign-in (or no-access) page stands before it.
 */
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
  const { session, signIn, signOut } = useConsoleSession();
  const t = SHELL_MESSAGES[language];
  const s = SIGN_IN_MESSAGES[language];
  // The console itself shows in development mode or to someone with a role; else a gate page.
  const gate =
    session.kind === 'development' || (session.kind === 'signed-in' && session.access !== 'none')
      ? null
      : session;
  const sections = visibleSections(session);
  const section = sectionForPath(pathname, sections);
  // A section that exists but is not for this role (the SOC on /admin/rules): say so.
  const adminOnly = !section && sectionForPath(pathname) !== undefined;
  const title = gate
    ? gateTitle(gate, language)
    : section
      ? section.label[language]
      : adminOnly
        ? s.adminOnly
        : t.notFoundTitle;
  useEffect(() => {
    document.title = `${title} – ${t.titleSuffix}`;
  }, [title, t]);
  const go = (id: string) => {
    const next = sections.find((s) => s.id === id) ?? sections[0];
    window.history.pushState(null, '', next.path);
    setPathname(next.path);
  };
  const changeLanguage = (next: Language) => {
    setLanguage(next);
    rememberLanguage(next);
  };
  const top = (
    <header className={styles.top}>
      <Text size={500} weight="semibold">
        {t.product}
      </Text>
      <div className={styles.topEnd}>
        {session.kind === 'signed-in' && <SignedInBar user={session.user} onSignOut={signOut} />}
        <div className={styles.topSwitch}>
          <LanguageSwitch language={language} label={t.languageLabel} onChange={changeLanguage} />
        </div>
      </div>
    </header>
  );
  return (
    <AppProvider lang={language}>
      <AdminLanguageContext.Provider value={language}>
        {gate ? (
          <div className={styles.gate}>
            {top}
            <main className={styles.main}>
              <GatePage session={gate} onSignIn={signIn} onSignOut={signOut} />
            </main>
          </div>
        ) : (
          <div className={styles.shell}>
            {top}
            <nav className={styles.nav} aria-label={t.sectionsLabel}>
              <TabList
                vertical={wide}
                selectedValue={section?.id ?? null}
                onTabSelect={(_event, data) => go(String(data.value))}
              >
                {sections.map((s) => (
                  <Tab key={s.id} value={s.id}>
                    {s.label[language]}
                  </Tab>
                ))}
              </TabList>
            </nav>
            <main className={styles.main}>
              {session.kind === 'signed-in' && session.access === 'soc' && (
                <MessageBar intent="info" layout="multiline" className={styles.notice}>
                  <MessageBarBody>
                    <MessageBarTitle>{s.socTitle}</MessageBarTitle>
                    {s.socText}
                  </MessageBarBody>
                </MessageBar>
              )}
              {section ? (
                section.render()
              ) : adminOnly ? (
                <Text as="p">
                  {s.adminOnly}{' '}
                  <Link
                    href={sections[0].path}
                    onClick={(event) => {
                      event.preventDefault();
                      go(sections[0].id);
                    }}
                  >
                    {s.adminOnlyLink}
                  </Link>
                </Text>
              ) : (
                <NotFoundSection
                  path={pathname}
                  firstPath={sections[0].path}
                  onGo={() => go(sections[0].id)}
                />
              )}
            </main>
          </div>
        )}
      </AdminLanguageContext.Provider>
    </AppProvider>
  );
}
