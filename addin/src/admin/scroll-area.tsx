import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    overflowX: 'auto',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/**
 * A wide table that scrolls sideways on a phone. It takes focus, so keyboard users can scroll it
 * too (WCAG 2.1.1), and is named as a region after what it holds.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
