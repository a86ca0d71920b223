import type { SendCheckReason } from './send-check';

type Language = 'nl' | 'en';

const TEXT: Record<Language, Record<SendCheckReason | 'CHECK_FAILED' | 'OPEN', string>> = {
  en: {
    ALREADY_SENT:
      'This mail was already sent registered with Zegel. Sending it again would send it twice, outside Zegel. Discard this draft, or open Zegel to see what happened to it.',
    HEADER_NOT_PERSISTED:
      'The classification you picked in Zegel was not saved with this mail, so it would leave without its protection. Open Zegel and pick the label again.',
    UNLABELLED_EXTERNAL:
      'This mail goes outside the organisation ({recipients}) and has no classification. Open Zegel and pick a label (Public when it holds nothing confidential).',
    CHECK_FAILED:
      'Zegel could not check this mail ({error}). Open Zegel to pick a classification, or try again.',
    OPEN: 'Open Zegel',
  },
  nl: {
    ALREADY_SENT:
      'Deze mail is al aangetekend verstuurd met Zegel. Opnieuw versturen zou hem nog eens versturen, buiten Zegel om. Verwijder dit concept, of open Zegel om te zien wat ermee gebeurd is.',
    HEADER_NOT_PERSISTED:
      'Het label dat u in Zegel koos, is niet met deze mail opgeslagen; hij zou zonder zijn beveiliging vertrekken. Open Zegel en kies het label opnieuw.',
    UNLABELLED_EXTERNAL:
      'Deze mail gaat buiten de organisatie ({recipients}) en heeft geen label. Open Zegel en kies een label (Openbaar als er niets vertrouwelijks in staat).',
    CHECK_FAILED:
      'Zegel kon deze mail niet controleren ({error}). Open Zegel om een label te kiezen, of probeer het opnieuw.',
    OPEN: 'Zegel openen',
  },
};

/** The Smart Alerts dialog allows at most 500 characters. */
export const MAX_DIALOG_CHARS = 500;

export function languageOf(displayLanguage: string | null | undefined): Language {
  return (displayLanguage ?? '').toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** The dialog text for a reason, filled in and cut to what the dialog shows. */
export function sendCheckMessage(
  language: Language,
  reason: SendCheckReason | 'CHECK_FAILED',
  values: { recipients?: string[]; error?: string } = {},
): string {
  const shown = (values.recipients ?? []).slice(0, 3).join(', ');
  const more = (values.recipients?.length ?? 0) > 3 ? ', …' : '';
  const text = TEXT[language][reason]
    .replace('{recipients}', shown + more)
    .replace('{error}', values.error ?? '');
  return text.length <= MAX_DIALOG_CHARS ? text : `${text.slice(0, MAX_DIALOG_CHARS - 1)}…`;
}

export function openLabel(language: Language): string {
  return TEXT[language].OPEN;
}
