import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  digest: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    // Shortened on screen by the ellipsis; the whole value stays in the text, selected in one click.
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
    maxWidth: '22ch',
    userSelect: 'all',
  },
});

/** A SHA-256 in monospace, shortened to fit, with the full value selectable and a copy button. */
export function DigestText(props: {
  value: string;
  copyLabel: string;
  copyText: string;
  copiedText: string;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const canCopy = typeof navigator !== 'undefined' && !!navigator.clipboard;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions); the value can still be selected by hand.
    }
  };
  return (
    <span className={styles.root}>
      <code className={styles.digest} title={props.value} data-digest={props.value}>
        {props.value}
      </code>
      {canCopy && (
        <Button size="small" appearance="subtle" aria-label={props.copyLabel} onClick={copy}>
          <span aria-live="polite">{copied ? props.copiedText : props.copyText}</span>
        </Button>
      )}
    </span>
  );
}
