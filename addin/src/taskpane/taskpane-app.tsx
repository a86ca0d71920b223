import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ClassificationInfo, GraphIntakeSettings } from '@zegel/shared';
import { useCallback, useEffect, useState } from 'react';
import { rememberLanguage, type Language } from '../common/i18n';
import { LanguageSwitch } from '../common/language-switch';
import { useLoad } from '../common/use-load';
import type { ComposeMail } from '../office/compose-mail';
import { SentView } from '../sent/sent-view';
import { ComposePanel } from './compose-panel';
import type { Connection } from './connect';
import { SignInUnavailableError } from './connect';
import { errorText } from './error-text';
import { taskpaneTexts } from './messages';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    maxWidth: '560px',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  user: { color: tokens.colorNeutralForeground2 },
});

interface Ready extends Connection {
  labels: readonly ClassificationInfo[];
  graph: GraphIntakeSettings | null;
}

/** The task pane: sign in, then the draft (label, preview, Send registered) and the sent list. */
export function TaskpaneApp(props: {
  mail: ComposeMail;
  connect: () => Promise<Connection>;
  initial: Language;
}) {
  const styles = useStyles();
  const [language, setLanguage] = useState<Language>(props.initial);
  const [tab, setTab] = useState<'compose' | 'sent'>('compose');
  const texts = taskpaneTexts(language);
  const { connect } = props;
  const load = useCallback(async (): Promise<Ready> => {
    const connection = await connect();
    const [labels, graph] = await Promise.all([
      connection.api.classifications(),
      // Without it the pane still works: every mail goes the Office.js way.
      connection.api.graphIntake().catch(() => null),
    ]);
    return { ...connection, labels, graph };
  }, [connect]);
  const [state, retry] = useLoad(load);
  const describe = useCallback((error: unknown) => errorText(error, texts), [texts]);
  useEffect(() => {
    document.title = `${texts.title}`;
  }, [texts]);

  return (
    <main className={styles.root}>
      <div className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          {texts.title}
        </Text>
        <LanguageSwitch
          language={language}
          label={texts.languageLabel}
          onChange={(next) => {
            rememberLanguage(next);
            setLanguage(next);
          }}
        />
      </div>
      {state.status === 'loading' && <Spinner label={texts.loading} />}
      {state.status === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {state.error instanceof SignInUnavailableError
              ? texts.signInUnavailable
              : `${texts.signInFailed} ${describe(state.error)}`}{' '}
            <Button size="small" onClick={retry}>
              {texts.retry}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'done' && (
        <>
          <Text size={200} className={styles.user}>
            {texts.signedInAs(state.data.user.name || state.data.user.email)}
          </Text>
          <TabList
            selectedValue={tab}
            onTabSelect={(_event, data) => setTab(data.value as 'compose' | 'sent')}
          >
            <Tab value="compose">{texts.tabCompose}</Tab>
            <Tab value="sent">{texts.tabSent}</Tab>
          </TabList>
          <div role="tabpanel" aria-label={tab === 'compose' ? texts.tabCompose : texts.tabSent}>
            {tab === 'compose' ? (
              <ComposePanel
                mail={props.mail}
                api={state.data.api}
                labels={state.data.labels}
                graph={state.data.graph}
                language={language}
                texts={texts}
              />
            ) : (
              <SentView
                api={state.data.api}
                language={language}
                texts={texts}
                describe={describe}
              />
            )}
          </div>
        </>
      )}
    </main>
  );
}
