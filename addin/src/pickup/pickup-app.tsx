import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AppProvider } from '../common/app-provider';
import { useFocusOnMount } from '../common/use-focus-on-mount';
import { rememberLanguage, type Language } from '../common/i18n';
import { LanguageSwitch } from '../common/language-switch';
import { CodeForm } from './code-form';
import './pickup.css';
import { PICKUP_TEXTS, type PickupTexts } from './messages';
import { PickupApi } from './pickup-api';
import type { PickupPhase } from './pickup-state';
import { BusyText, NoticeBar } from './notice-bar';
import { ProblemBar } from './problem-bar';
import { OrganisationCard } from './organisation-card';
import type { PublicBranding } from '@zegel/shared';
import { useBranding } from './use-branding';
import { usePickup } from './use-pickup';

/**
 * The message view (body frame, attachments, proof, reply form, Accept and Decline) is a chunk of
 * its own: the code form, which every visit starts with, loads without it. Typing in the code field
 * starts fetching it, so it is there by the time the code is checked.
 */
const loadMessageView = () => import('./message-view');
const MessageView = lazy(() => loadMessageView().then((m) => ({ default: m.MessageView })));

/** The recipient's pickup page for the link in the address bar. */
export function PickupApp({ token, initial }: { token: string | null; initial: Language }) {
  const [language, setLanguage] = useState(initial);
  const api = useMemo(() => (token ? new PickupApi(token) : null), [token]);
  const t = PICKUP_TEXTS[language];
  const branding = useBranding();
  const sender = branding?.organisationName || t.brand;
  useEffect(() => {
    document.title = `${t.pageTitle} – ${sender}`;
  }, [t, sender]);
  const changeLanguage = (next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  };
  return (
    <AppProvider lang={language}>
      <div className="pickup-page">
        <div className="pickup-bar">
          <span className="pickup-brand">
            {sender} · {t.pageTitle}
          </span>
          <LanguageSwitch language={language} label={t.languageLabel} onChange={changeLanguage} />
        </div>
        <main>
          {api ? (
            <PickupFlow t={t} language={language} api={api} branding={branding} />
          ) : (
            <Notice intent="error" text={t.noToken} />
          )}
        </main>
      </div>
    </AppProvider>
  );
}

/** The flow of one link: code form, message, and what is left after an answer. */
function PickupFlow(props: {
  t: PickupTexts;
  language: Language;
  api: PickupApi;
  branding: PublicBranding | null;
}) {
  const { t, api } = props;
  const pickup = usePickup(api);
  const phase: PickupPhase = pickup.phase;
  // The Decline dialog hides the rest of the page (aria-hidden on #root) while it is open. Declining
  // replaces the message view, dialog included, before the dialog's closing motion has ended, and
  // then nothing gives the page back to screen readers; outside the message view no dialog is open.
  useEffect(() => {
    if (phase.kind !== 'message') document.getElementById('root')?.removeAttribute('aria-hidden');
  }, [phase.kind]);
  switch (phase.kind) {
    case 'loading':
      return <BusyText label={t.loading} />;
    case 'code':
      return (
        <div className="pickup-intro">
          {props.branding && <OrganisationCard t={t} branding={props.branding} />}
          <h1 className="pickup-heading">{t.codeHeading}</h1>
          <p className="pickup-text">{t.codeIntro}</p>
          <div className="pickup-form-column" onInput={() => void loadMessageView()}>
            <CodeForm
              t={t}
              busy={pickup.busy}
              problem={pickup.formProblem}
              notice={phase.notice}
              onSubmit={pickup.unlock}
              onLostCode={() => api.lostCode()}
            />
          </div>
        </div>
      );
    case 'message':
      return (
        <Suspense fallback={<BusyText label={t.loading} />}>
          <MessageView
            t={t}
            language={props.language}
            view={phase.view}
            notice={phase.notice}
            busy={pickup.busy}
            respondProblem={pickup.respondProblem}
            attachmentUrl={(index) => api.attachmentUrl(index)}
            inlineUrl={api.inlineUrl}
            emlUrl={api.emlUrl()}
            onRespond={pickup.respond}
            onReply={(text, files) => api.reply(text, files)}
          />
        </Suspense>
      );
    case 'declined':
      return <Notice intent="info" text={t.declined} />;
    case 'closed':
      return (
        <div className="pickup-intro">
          {phase.notice === 'accepted' && <Notice intent="success" text={t.accepted} />}
          <Notice intent="warning" text={t.closed} />
        </div>
      );
    case 'failed':
      return (
        <div role="alert">
          <ProblemBar t={t} problem={phase.problem} />
        </div>
      );
  }
}

function Notice({
  intent,
  text,
}: {
  intent: 'info' | 'success' | 'warning' | 'error';
  text: string;
}) {
  const ref = useFocusOnMount<HTMLDivElement>();
  return (
    <div role="status" ref={ref} tabIndex={-1}>
      <NoticeBar intent={intent}>{text}</NoticeBar>
    </div>
  );
}
