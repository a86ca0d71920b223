import { Button, Link, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { RULES_MESSAGES } from './rules.messages';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  script: {
    maxHeight: '24em',
    overflow: 'auto',
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre',
  },
});

/** The Exchange PowerShell with the rules mirrored, shown and offered as a file. */
export function ExchangeExport(props: { load: (target: 'online' | 'onprem') => Promise<string> }) {
  const styles = useStyles();
  const t = useTexts(RULES_MESSAGES);
  const [script, setScript] = useState<{ target: string; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    if (!script) return;
    const url = URL.createObjectURL(new Blob([script.text], { type: 'text/plain' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [script]);
  const show = async (target: 'online' | 'onprem') => {
    setError(null);
    try {
      setScript({ target, text: await props.load(target) });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className={styles.root} aria-labelledby="exchange-export-heading">
      <Title3 as="h2" id="exchange-export-heading" className={styles.heading}>
        {t.exportTitle}
      </Title3>
      <p>{t.exportIntro}</p>
      <div className={styles.buttons}>
        <Button onClick={() => void show('online')}>{t.exportOnline}</Button>
        <Button onClick={() => void show('onprem')}>{t.exportOnprem}</Button>
        {script && href && (
          <Link href={href} download={`zegel-exchange-${script.target}.ps1`}>
            {t.download}
          </Link>
        )}
      </div>
      {error !== null && <LoadProblem error={error} />}
      {script && (
        // Focusable, so keyboard users can scroll the script.
        <pre
          className={styles.script}
          tabIndex={0}
          aria-label={t.scriptLabel}
          data-testid="exchange-script"
        >
          {script.text}
        </pre>
      )}
    </section>
  );
}
