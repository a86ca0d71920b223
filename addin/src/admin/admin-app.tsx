import { Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { AppProvider } from '../common/app-provider';
import { ADMIN_SECTIONS, sectionForPath } from './sections';

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
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
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
});

/** The admin shell: a nav of sections beside the selected one, each at its own URL. */
export function AdminApp() {
  const styles = useStyles();
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
  const section = sectionForPath(pathname);
  useEffect(() => {
    document.title = `${section.label} – Zegel admin`;
  }, [section]);
  const go = (id: string) => {
    const next = ADMIN_SECTIONS.find((s) => s.id === id) ?? ADMIN_SECTIONS[0];
    window.history.pushState(null, '', next.path);
    setPathname(next.path);
  };
  return (
    <AppProvider lang="en">
      <div className={styles.shell}>
        <header className={styles.top}>
          <Text size={500} weight="semibold">
            Zegel admin
          </Text>
        </header>
        <nav className={styles.nav} aria-label="Sections">
          <TabList
            vertical={wide}
            selectedValue={section.id}
            onTabSelect={(_event, data) => go(String(data.value))}
          >
            {ADMIN_SECTIONS.map((s) => (
              <Tab key={s.id} value={s.id}>
                {s.label}
              </Tab>
            ))}
          </TabList>
        </nav>
        <main className={styles.main}>{section.render()}</main>
      </div>
    </AppProvider>
  );
}
