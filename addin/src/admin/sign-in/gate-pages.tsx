import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { SIGN_IN_MESSAGES } from './sign-in.messages';
import type { ConsoleSession, ConsoleUser } from './console-session';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '40em' },
  heading: { margin: 0 },
  action: { justifySelf: 'start' },
});

function Page(props: { heading: string; testId: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={props.testId}>
      <Title3 as="h1" className={styles.heading}>
        {props.heading}
      </Title3>
      {props.children}
    </div>
  );
}

/** Why the person is asked to sign in (again), when there is more to say than "sign in". */
function SignedOutReason({
  session,
}: {
  session: Extract<ConsoleSession, { kind: 'signed-out' }>;
}) {
  const t = useTexts(SIGN_IN_MESSAGES);
  if (session.reason === 'none') return null;
  const expired = session.reason === 'expired';
  return (
    <MessageBar intent={expired ? 'warning' : 'error'} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{expired ? t.expiredTitle : t.failedTitle}</MessageBarTitle>
        {expired ? t.expiredText : t.failedText(session.detail ?? '')}
      </MessageBarBody>
    </MessageBar>
  );
}

export function SignInPage(props: {
  session: Extract<ConsoleSession, { kind: 'signed-out' }>;
  onSignIn: () => void;
}) {
  const styles = useStyles();
  const t = useTexts(SIGN_IN_MESSAGES);
  return (
    <Page heading={t.signInHeading} testId="sign-in">
      <SignedOutReason session={props.session} />
      <Text>{t.signInIntro}</Text>
      <Text>{t.signInRoles}</Text>
      <Button appearance="primary" className={styles.action} onClick={props.onSignIn}>
        {t.signInButton}
      </Button>
    </Page>
  );
}

export function NoAccessPage(props: { user: ConsoleUser; onSignOut: () => void }) {
  const styles = useStyles();
  const t = useTexts(SIGN_IN_MESSAGES);
  const { name, email } = props.user;
  const who = name && email && name !== email ? `${name} (${email})` : name || email;
  return (
    <Page heading={t.noAccessTitle} testId="no-access">
      <Text>{t.noAccessText(who)}</Text>
      <Text>{t.noAccessHint}</Text>
      <Button className={styles.action} onClick={props.onSignOut}>
        {t.signOut}
      </Button>
    </Page>
  );
}

/** Everything before the console itself: loading, sign-in, no access, not set up, failed. */
export function GatePage(props: {
  session: Exclude<ConsoleSession, { kind: 'development' }>;
  onSignIn: () => void;
  onSignOut: () => void;
}) {
  const t = useTexts(SIGN_IN_MESSAGES);
  const { session } = props;
  switch (session.kind) {
    case 'loading':
      return <Spinner label={t.loading} />;
    case 'signed-out':
      return <SignInPage session={session} onSignIn={props.onSignIn} />;
    case 'signed-in':
      return <NoAccessPage user={session.user} onSignOut={props.onSignOut} />;
    case 'not-configured':
      return (
        <Page heading={t.notConfiguredTitle} testId="not-configured">
          <Text>{t.notConfiguredText}</Text>
        </Page>
      );
    case 'failed':
      return <LoadProblem error={session.error} />;
  }
}

/** The gate's page title, for document.title. */
export function gateTitle(
  session: Exclude<ConsoleSession, { kind: 'development' }>,
  language: 'en' | 'nl',
): string {
  const t = SIGN_IN_MESSAGES[language];
  if (session.kind === 'signed-in') return t.noAccessTitle;
  if (session.kind === 'not-configured') return t.notConfiguredTitle;
  return t.signInTitle;
}
