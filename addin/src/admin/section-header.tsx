import { Button, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTexts } from './admin-language';
import { SHELL_MESSAGES } from './shell.messages';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
  },
  heading: { margin: 0 },
  intro: { flexBasis: '100%', color: tokens.colorNeutralForeground3 },
});

export function SectionHeader(props: {
  title: string;
  intro: string;
  onRefresh?: () => void;
  actions?: ReactNode;
}) {
  const styles = useStyles();
  const t = useTexts(SHELL_MESSAGES);
  return (
    <div className={styles.root}>
      <Title3 as="h1" className={styles.heading}>
        {props.title}
      </Title3>
      {props.actions}
      {props.onRefresh && <Button onClick={props.onRefresh}>{t.refresh}</Button>}
      <Text className={styles.intro}>{props.intro}</Text>
    </div>
  );
}
