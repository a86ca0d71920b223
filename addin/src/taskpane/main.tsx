import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_ADDIN_CONFIG, parseAddinConfig, type AddinConfig } from '../common/addin-config';
import { detectLanguage, initialLanguage, type Language } from '../common/i18n';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import { officeReady } from '../office/office-host.adapter';
import type { OfficeHostInfo } from '../office/compose-mail';
import { connect } from './connect';
import { taskpaneTexts } from './messages';
import { themeKind } from './office-theme';
import { TaskpaneApp } from './taskpane-app';
import { TaskpaneProvider } from './taskpane-provider';

async function loadConfig(): Promise<AddinConfig> {
  try {
    const response = await fetch('/addin-config.json', { credentials: 'same-origin' });
    return response.ok ? parseAddinConfig(await response.json()) : DEFAULT_ADDIN_CONFIG;
  } catch {
    return DEFAULT_ADDIN_CONFIG;
  }
}

function media(query: string): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}

function Root(props: { host: OfficeHostInfo; config: AddinConfig; language: Language }) {
  const [mail] = useState(officeComposeMail);
  const [connectOnce] = useState(() => () => connect(props.host, props.config));
  const kind = themeKind(props.host.theme, {
    forcedColors: media('(forced-colors: active)'),
    prefersDark: media('(prefers-color-scheme: dark)'),
  });
  return (
    <TaskpaneProvider kind={kind} lang={props.language}>
      {props.host.host ? (
        <TaskpaneApp mail={mail} connect={connectOnce} initial={props.language} />
      ) : (
        <p style={{ padding: 16 }}>{taskpaneTexts(props.language).outsideOffice}</p>
      )}
    </TaskpaneProvider>
  );
}

// Render only after Office.onReady: before that, Office.context is not there.
void Promise.all([officeReady(), loadConfig()]).then(([host, config]) => {
  const language = host.displayLanguage
    ? detectLanguage([host.displayLanguage])
    : initialLanguage();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root host={host} config={config} language={language} />
    </StrictMode>,
  );
});
