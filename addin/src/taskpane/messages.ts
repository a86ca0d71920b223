import type { RecipientRoute, RecipientState } from '@zegel/shared';
import type { Language } from '../common/i18n';

/** Every text of the task pane and the sent view, in both languages (English is the reference). */
const en = {
  title: 'Zegel',
  languageLabel: 'Language',
  loading: 'Loading…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  tabCompose: 'This mail',
  tabSent: 'Sent with Zegel',
  classification: 'Classification',
  classificationHint: 'The label goes with the mail; Exchange routes on it too.',
  noLabel: 'No label yet.',
  saving: 'Saving the label with the mail…',
  labelSaved: (label: string) => `Label saved: ${label}.`,
  labelNotPersisted:
    'Outlook did not keep the label with this mail. Pick it again; if it keeps happening, send with "Send registered".',
  categoryMissing:
    'The Outlook category for this label could not be added (your admin can create the Zegel categories). The label itself is saved.',
  needsNewerOutlook:
    'This version of Outlook cannot store a label in the mail (it needs Mailbox 1.8). Use "Send registered", or the classic label rules in Exchange.',
  recipients: 'What happens per recipient',
  noRecipients: 'Add recipients to see what happens to each of them.',
  pickLabelFirst: 'Pick a label to see what happens per recipient.',
  checking: 'Checking the recipients…',
  stillChecking: 'Some domains are still being checked; the answer will firm up shortly.',
  refresh: 'Check again',
  route: {
    direct: 'Straight into the inbox (secure connection checked)',
    pickup: 'Pickup on the Zegel page with a CE-ID',
    hold: 'Not sent: held by policy',
  } satisfies Record<RecipientRoute, string>,
  whyLabel: 'Why',
  notZegels: 'Zegel does not handle mail with this label; Outlook sends it as usual.',
  sendRegistered: 'Send registered',
  sendHint:
    'Zegel sends this mail itself, with proof of delivery. Do not send it from Outlook as well.',
  sendNeedsProtected: 'Send registered is for Confidential and Registered mail.',
  sendNeedsRecipients: 'Add at least one recipient.',
  collecting: 'Reading the mail…',
  readingAttachment: (name: string, n: number, total: number) =>
    `Reading attachment ${n} of ${total}: ${name}`,
  uploading: (percent: number) => `Sending to Zegel… ${percent}%`,
  handingOver: 'Zegel is fetching the saved draft from Microsoft 365…',
  sentTitle: 'Sent registered',
  sentIntro: 'Zegel has the mail. This draft was not sent by Outlook: discard it.',
  alreadySent: (id: string) =>
    `This draft was already sent registered with Zegel (message ${id}). Discard it; sending it again from Outlook would send it twice.`,
  closeDraft: 'Close this draft',
  ceIdFor: (address: string) => `CE-ID for ${address}`,
  ceIdPassOn:
    'Pass this code on to the recipient by another way than e-mail (by phone, for example). Zegel does not show it again.',
  ceIdBySms: 'CE-ID by SMS',
  copy: 'Copy',
  copied: 'Copied',
  sendFailed: 'The mail was not sent. Nothing left Zegel; the draft is unchanged.',
  cloudAttachment: (name: string) =>
    `${name} is a link to a file in the cloud. Attach a copy of the file instead.`,
  attachmentsUnreadable:
    'This version of Outlook cannot hand attachments to Zegel (it needs Mailbox 1.8). Send from Outlook on the web or a current Outlook.',
  markFailed:
    'Sent, but Outlook did not save the note on this draft. Discard the draft so that it is not sent again.',
  reference: (id: string) => `Reference: ${id}`,
  offline: 'The Zegel server cannot be reached. Check the connection and try again.',
  signInFailed: 'Signing in to Zegel failed.',
  signInUnavailable:
    'This Outlook cannot sign in to Zegel (no Nested App Authentication and no single sign-on). Ask your admin.',
  retry: 'Try again',
  outsideOffice: 'Open this page from Outlook: the Zegel button in a new mail.',
  sentListTitle: 'Your registered mails',
  sentEmpty: 'You have not sent anything with Zegel yet.',
  reload: 'Refresh',
  details: 'Receipts',
  hideDetails: 'Hide receipts',
  contentDeleted: 'content deleted',
  sentAt: 'Sent',
  state: {
    pending: 'waiting',
    notified: 'notified',
    'notification-failed': 'notification failed',
    'handed-over': 'opened',
    accepted: 'accepted',
    declined: 'declined',
    expired: 'expired',
    locked: 'locked',
    revoked: 'revoked',
    delivered: 'delivered',
    'delivery-failed': 'delivery failed',
  } satisfies Record<RecipientState, string>,
  viaRoute: { direct: 'in the inbox', pickup: 'pickup' } as Record<string, string>,
  ceIdTitle: 'Codes to pass on',
  noSubject: '(no subject)',
  revoke: 'Withdraw',
  revokeTitle: 'Withdraw this message?',
  revokeBody:
    'Recipients who have not opened it can no longer do so, and the content is destroyed. This cannot be undone. A copy already delivered into an inbox cannot be recalled.',
  revokeConfirm: 'Withdraw the message',
  cancel: 'Cancel',
  revoked: (n: number) => `Withdrawn for ${n} recipient(s).`,
  revokeAlreadyDelivered: (list: string) => `Already delivered, cannot be recalled: ${list}.`,
  newCode: 'Issue a new code',
  newCodeFor: (address: string) => `Issue a new code for ${address}`,
  newCodeBySms: (address: string) =>
    `A new code goes to ${address} by SMS. The old code no longer works.`,
  newCodeByMail: (address: string) =>
    `The new code for ${address} is mailed to you. The old code no longer works.`,
  newCodeShown: 'The old code no longer works. Pass the new one on by phone or in person.',
};

export type TaskpaneTexts = typeof en;

const nl: TaskpaneTexts = {
  title: 'Zegel',
  languageLabel: 'Taal',
  loading: 'Bezig met laden…',
  signedInAs: (name) => `Aangemeld als ${name}`,
  tabCompose: 'Deze mail',
  tabSent: 'Verstuurd met Zegel',
  classification: 'Label',
  classificationHint: 'Het label gaat mee met de mail; ook Exchange stuurt erop.',
  noLabel: 'Nog geen label.',
  saving: 'Het label wordt bij de mail opgeslagen…',
  labelSaved: (label) => `Label opgeslagen: ${label}.`,
  labelNotPersisted:
    'Outlook heeft het label niet bij deze mail bewaard. Kies het opnieuw; gebeurt het vaker, verstuur dan met "Aangetekend versturen".',
  categoryMissing:
    'De Outlook-categorie voor dit label kon niet worden toegevoegd (uw beheerder kan de Zegel-categorieën aanmaken). Het label zelf is opgeslagen.',
  needsNewerOutlook:
    'Deze versie van Outlook kan geen label in de mail opslaan (daarvoor is Mailbox 1.8 nodig). Gebruik "Aangetekend versturen", of de labelregels in Exchange.',
  recipients: 'Wat er per ontvanger gebeurt',
  noRecipients: 'Voeg ontvangers toe om te zien wat er met elk van hen gebeurt.',
  pickLabelFirst: 'Kies een label om te zien wat er per ontvanger gebeurt.',
  checking: 'De ontvangers worden gecontroleerd…',
  stillChecking: 'Sommige domeinen worden nog gecontroleerd; het antwoord wordt zo vaster.',
  refresh: 'Opnieuw controleren',
  route: {
    direct: 'Direct in de inbox (beveiligde verbinding gecontroleerd)',
    pickup: 'Ophalen op de Zegel-pagina met een CE-ID',
    hold: 'Niet verstuurd: tegengehouden door het beleid',
  },
  whyLabel: 'Waarom',
  notZegels: 'Zegel behandelt geen mail met dit label; Outlook verstuurt hem zoals gewoonlijk.',
  sendRegistered: 'Aangetekend versturen',
  sendHint:
    'Zegel verstuurt deze mail zelf, met bewijs van aflevering. Verstuur hem niet ook nog vanuit Outlook.',
  sendNeedsProtected: 'Aangetekend versturen is voor Vertrouwelijke en Aangetekende mail.',
  sendNeedsRecipients: 'Voeg minstens één ontvanger toe.',
  collecting: 'De mail wordt gelezen…',
  readingAttachment: (name, n, total) => `Bijlage ${n} van ${total} wordt gelezen: ${name}`,
  handingOver: 'Zegel haalt het opgeslagen concept op uit Microsoft 365…',
  uploading: (percent) => `Bezig met versturen naar Zegel… ${percent}%`,
  sentTitle: 'Aangetekend verstuurd',
  sentIntro: 'Zegel heeft de mail. Outlook heeft dit concept niet verstuurd: verwijder het.',
  alreadySent: (id) =>
    `Dit concept is al aangetekend verstuurd met Zegel (bericht ${id}). Verwijder het; opnieuw versturen vanuit Outlook zou het twee keer versturen.`,
  closeDraft: 'Dit concept sluiten',
  ceIdFor: (address) => `CE-ID voor ${address}`,
  ceIdPassOn:
    'Geef deze code aan de ontvanger door op een andere manier dan per e-mail (bijvoorbeeld telefonisch). Zegel toont hem niet nog eens.',
  ceIdBySms: 'CE-ID per sms',
  copy: 'Kopiëren',
  copied: 'Gekopieerd',
  sendFailed: 'De mail is niet verstuurd. Er is niets vertrokken; het concept is ongewijzigd.',
  cloudAttachment: (name) =>
    `${name} is een koppeling naar een bestand in de cloud. Voeg in plaats daarvan een kopie van het bestand toe.`,
  attachmentsUnreadable:
    'Deze versie van Outlook kan geen bijlagen aan Zegel doorgeven (daarvoor is Mailbox 1.8 nodig). Verstuur vanuit Outlook op het web of een actuele Outlook.',
  markFailed:
    'Verstuurd, maar Outlook heeft de notitie op dit concept niet opgeslagen. Verwijder het concept, zodat het niet nog eens wordt verstuurd.',
  reference: (id) => `Referentie: ${id}`,
  offline: 'De Zegel-server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  signInFailed: 'Aanmelden bij Zegel is mislukt.',
  signInUnavailable:
    'Deze Outlook kan zich niet aanmelden bij Zegel (geen Nested App Authentication en geen eenmalige aanmelding). Vraag het uw beheerder.',
  retry: 'Opnieuw proberen',
  outsideOffice: 'Open deze pagina vanuit Outlook: de Zegel-knop in een nieuwe mail.',
  sentListTitle: 'Uw aangetekende mails',
  sentEmpty: 'U hebt nog niets met Zegel verstuurd.',
  reload: 'Vernieuwen',
  details: 'Bewijzen',
  hideDetails: 'Bewijzen verbergen',
  contentDeleted: 'inhoud verwijderd',
  sentAt: 'Verstuurd',
  state: {
    pending: 'wacht',
    notified: 'bericht gestuurd',
    'notification-failed': 'melding mislukt',
    'handed-over': 'geopend',
    accepted: 'geaccepteerd',
    declined: 'geweigerd',
    expired: 'verlopen',
    locked: 'geblokkeerd',
    revoked: 'ingetrokken',
    delivered: 'afgeleverd',
    'delivery-failed': 'aflevering mislukt',
  },
  viaRoute: { direct: 'in de inbox', pickup: 'ophalen' },
  ceIdTitle: 'Codes om door te geven',
  noSubject: '(geen onderwerp)',
  revoke: 'Intrekken',
  revokeTitle: 'Dit bericht intrekken?',
  revokeBody:
    'Ontvangers die het nog niet hebben geopend, kunnen dat daarna niet meer, en de inhoud wordt vernietigd. Dit kan niet ongedaan worden gemaakt. Een kopie die al in een inbox is afgeleverd, kan niet worden teruggehaald.',
  revokeConfirm: 'Bericht intrekken',
  cancel: 'Annuleren',
  revoked: (n) => `Ingetrokken voor ${n} ontvanger(s).`,
  revokeAlreadyDelivered: (list) => `Al afgeleverd, niet terug te halen: ${list}.`,
  newCode: 'Nieuwe code uitgeven',
  newCodeFor: (address) => `Nieuwe code uitgeven voor ${address}`,
  newCodeBySms: (address) =>
    `Er gaat een nieuwe code per sms naar ${address}. De oude code werkt niet meer.`,
  newCodeByMail: (address) =>
    `De nieuwe code voor ${address} wordt naar u gemaild. De oude code werkt niet meer.`,
  newCodeShown: 'De oude code werkt niet meer. Geef de nieuwe telefonisch of persoonlijk door.',
};

export function taskpaneTexts(language: Language): TaskpaneTexts {
  return language === 'nl' ? nl : en;
}
