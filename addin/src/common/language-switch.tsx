import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from './i18n';

const useStyles = makeStyles({
  root: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

/** Buttons for the other languages, each labelled in its own language and `lang`. */
export function LanguageSwitch(props: {
  language: Language;
  label: string;
  onChange: (language: Language) => void;
}) {
  const styles = useStyles();
  return (
    <nav aria-label={props.label} className={styles.root}>
      {LANGUAGES.filter((language) => language !== props.language).map((language) => (
        <Button
          key={language}
          size="small"
          appearance="subtle"
          lang={language}
          onClick={() => props.onChange(language)}
        >
          {LANGUAGE_NAMES[language]}
        </Button>
      ))}
    </nav>
  );
}
