import {
  FluentProvider,
  makeStyles,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import '../common/base.css';
import { useEffect, type ReactNode } from 'react';
import type { ThemeKind } from './office-theme';

const THEMES = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({ root: { minHeight: '100vh' } });

/** Fluent UI with the theme that matches Outlook, and the document language for screen readers. */
export function TaskpaneProvider(props: { kind: ThemeKind; lang: string; children: ReactNode }) {
  const styles = useStyles();
  useEffect(() => {
    document.documentElement.lang = props.lang;
    document.documentElement.style.colorScheme = props.kind === 'light' ? 'light' : 'dark';
    document.documentElement.dataset.theme = props.kind;
  }, [props.lang, props.kind]);
  return (
    <FluentProvider theme={THEMES[props.kind]} className={styles.root}>
      {props.children}
    </FluentProvider>
  );
}
