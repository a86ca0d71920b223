import { Button, Text, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import { useTexts } from '../admin-language';
import { SIGN_IN_MESSAGES } from './sign-in.messages';
import type { ConsoleUser } from './console-session';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // On the brand colour of the top bar: the button takes its foreground, with a visible border.
  button: {
    color: tokens.colorNeutralForegroundOnBrand,
    ...shorthands.borderColor(tokens.colorNeutralForegroundOnBrand),
  },
});

/** Who is signed in (name and address, as the server sees them) and the sign-out button. */
export function SignedInBar(props: { user: ConsoleUser; onSignOut: () => void }) {
  const styles = useStyles();
  const t = useTexts(SIGN_IN_MESSAGES);
  const { name, email } = props.user;
  return (
    <div className={styles.root} data-testid="signed-in">
      <Text>
        {t.signedInAs(name && email && name !== email ? `${name} (${email})` : name || email)}
      </Text>
      <Button size="small" appearance="outline" className={styles.button} onClick={props.onSignOut}>
        {t.signOut}
      </Button>
    </div>
  );
}
