import type { RecipientState } from './api';
import type { LocalisedText } from './branding';
import type { EvidenceEventType } from './evidence';

/**
 * What an evidence event means, in plain words, as the rest of a sentence that starts with the
 * recipient's address ("patient@example.nl accepted the message"). Receipts, the receipt PDF and
 * the task pane's sent view use these instead of the ETSI names.
 */
export const EVENT_WORDING: Record<EvidenceEventType, LocalisedText> = {
  SubmissionAcceptance: {
    nl: 'is als ontvanger van het bericht geregistreerd',
    en: 'was registered as a recipient of the message',
  },
  SubmissionRejection: {
    nl: 'kreeg het bericht niet: het is geweigerd',
    en: 'was refused the message',
  },
  ConsignmentNotification: {
    nl: 'heeft een melding met de ophaallink gekregen',
    en: 'was sent a notification with the pickup link',
  },
  ConsignmentNotificationFailure: {
    nl: 'kon geen melding krijgen',
    en: 'could not be notified',
  },
  NotificationDelivered: {
    nl: 'heeft de code per sms ontvangen',
    en: 'received the code by text message',
  },
  ContentConsignment: {
    nl: 'heeft het bericht rechtstreeks in de inbox gekregen',
    en: 'received the message straight into the inbox',
  },
  ContentConsignmentFailure: {
    nl: 'kon het bericht niet rechtstreeks krijgen',
    en: 'could not receive the message directly',
  },
  ContentHandover: {
    nl: 'heeft het bericht geopend (inhoud overgedragen)',
    en: 'opened the message (content handed over)',
  },
  ContentHandoverFailure: {
    nl: 'kon het bericht niet openen',
    en: 'could not open the message',
  },
  ContentAccessTracking: { nl: 'heeft een onderdeel gedownload', en: 'downloaded a part' },
  ConsignmentAcceptance: { nl: 'heeft het bericht geaccepteerd', en: 'accepted the message' },
  ConsignmentRejection: {
    nl: 'heeft het bericht geweigerd; de inhoud is verwijderd',
    en: 'declined the message; its content has been deleted',
  },
  AcceptanceRejectionExpiry: {
    nl: 'heeft het bericht niet opgehaald voor de termijn verliep; de inhoud is verwijderd',
    en: 'did not collect the message before the retrieval period ended; its content has been deleted',
  },
  ContentDeletion: {
    nl: 'kan het bericht niet meer openen: de inhoud is verwijderd',
    en: 'can no longer open the message: its content was deleted',
  },
  SubmissionWithdrawal: {
    nl: 'kan het bericht niet meer openen: de afzender heeft het ingetrokken',
    en: 'can no longer open the message: the sender withdrew it',
  },
  CeIdReissue: { nl: 'heeft een nieuwe code gekregen', en: 'was given a new code' },
  CopyUnlock: {
    nl: 'kan weer een code invoeren (ontgrendeld)',
    en: 'can enter a code again (unlocked)',
  },
  NotificationResend: {
    nl: 'heeft de melding met een nieuwe link opnieuw gekregen',
    en: 'was sent the notification again, with a new link',
  },
  ConfigurationChange: { nl: 'instellingen gewijzigd', en: 'settings changed' },
  ReplySubmission: { nl: 'heeft beveiligd geantwoord', en: 'sent a secure reply' },
  ReplyConsignment: {
    nl: 'zijn antwoord is in de mailbox van de afzender afgeleverd',
    en: 'had their reply delivered to the sender’s mailbox',
  },
};

/** A recipient's copy's state, as the sender reads it in the task pane. */
export const STATE_WORDING: Record<RecipientState, LocalisedText> = {
  pending: { nl: 'Wordt verstuurd', en: 'Being sent' },
  notified: { nl: 'Wacht op de ontvanger', en: 'Waiting for the recipient' },
  'notification-failed': { nl: 'Melding mislukt', en: 'Could not notify' },
  'handed-over': { nl: 'Geopend', en: 'Opened' },
  accepted: { nl: 'Geaccepteerd', en: 'Accepted' },
  declined: { nl: 'Geweigerd', en: 'Declined' },
  expired: { nl: 'Verlopen, niet opgehaald', en: 'Expired, not collected' },
  locked: { nl: 'Geblokkeerd na foute codes', en: 'Locked after wrong codes' },
  revoked: { nl: 'Ingetrokken', en: 'Withdrawn' },
  delivered: { nl: 'Afgeleverd in de inbox', en: 'Delivered to the inbox' },
  'delivery-failed': { nl: 'Niet afgeleverd', en: 'Not delivered' },
};

const formatters = new Map<
  string,
  { zoneName: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }
>();

/** Building an Intl formatter costs far more than formatting with it: one pair per locale. */
function zonedFormatters(locale: string) {
  let pair = formatters.get(locale);
  if (!pair) {
    const timeZone = 'Europe/Amsterdam';
    pair = {
      zoneName: new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }),
      dateTime: new Intl.DateTimeFormat(locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone,
      }),
    };
    formatters.set(locale, pair);
  }
  return pair;
}

/** Recent results of formatZonedTime, by language and minute; cleared when it holds 64. */
const formattedMinutes = new Map<string, string>();

/**
 * A time as people read it, with its time zone: the organisation's (Europe/Amsterdam), in Dutch or
 * English ("14 december 2026 om 11:00 CET"). Accepts a Date or an ISO 8601 string.
 *
 * The text shows minutes, and since 1970 the zone's offsets and changes fall on whole minutes, so
 * one result serves a whole minute: formatting (formatToParts above all) costs more than composing
 * the rest of a notification, and the copies of one message expire in the same minute.
 */
export function formatZonedTime(when: Date | string, lang: 'nl' | 'en'): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  const ms = d.getTime();
  if (Number.isNaN(ms)) return String(when);
  if (ms < 0) return formatUncached(d, lang);
  const key = `${lang}${Math.floor(ms / 60_000)}`;
  let text = formattedMinutes.get(key);
  if (text === undefined) {
    if (formattedMinutes.size >= 64) formattedMinutes.clear();
    text = formatUncached(d, lang);
    formattedMinutes.set(key, text);
  }
  return text;
}

function formatUncached(d: Date, lang: 'nl' | 'en'): string {
  const { zoneName, dateTime } = zonedFormatters(lang === 'nl' ? 'nl-NL' : 'en-GB');
  const zone =
    zoneName.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'Europe/Amsterdam';
  return `${dateTime.format(d)} ${zone}`;
}
