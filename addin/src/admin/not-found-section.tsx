import { Link, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useTexts } from './admin-language';
import { SHELL_MESSAGES } from './shell.messages';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '40em' },
  heading: { margin: 0 },
});

/** Shown for an admin path that no section owns; the server still answers the HTML with 200. */
export function NotFoundSection(props: { path: string; firstPath: string; onGo: () => void }) {
  const styles = useStyles();
  const t = useTexts(SHELL_MESSAGES);
  return (
    <div className={styles.root} data-testid="not-found">
      <Title3 as="h1" className={styles.heading}>
        {t.notFoundTitle}
      </Title3>
      <Text>{t.notFoundText(props.path)}</Text>
      <Text>{t.notFoundHint}</Text>
      <Link
        href={props.firstPath}
        onClick={(event) => {
          event.preventDefault();
          props.onGo();
        }}
      >
        {t.notFoundLink}
      </Link>
    </div>
  );
}
