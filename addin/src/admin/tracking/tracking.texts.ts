import type { RecipientState } from '@zegel/shared';
import type { Language } from '../../common/i18n';

export interface TrackingTexts {
  title: string;
  intro: string;
  search: string;
  filters: string;
  sender: string;
  recipient: string;
  classification: string;
  state: string;
  anyState: string;
  from: string;
  to: string;
  invalid: string;
  searching: string;
  none: string;
  results: string;
  more: string;
  columns: {
    date: string;
    sender: string;
    classification: string;
    recipients: string;
    open: string;
  };
  details: (date: string) => string;
  states: Record<RecipientState, string>;
  detailTitle: string;
  close: string;
  loadingDetail: string;
  copies: string;
  copyColumns: { address: string; state: string; route: string; channel: string; actions: string };
  routes: Record<string, string>;
  channels: Record<string, string>;
  timeline: string;
  timelineColumns: {
    time: string;
    event: string;
    actor: string;
    recipient: string;
    reason: string;
  };
  reason: string;
  reasonHint: string;
  reasonRequired: string;
  revoke: string;
  newCode: (address: string) => string;
  unlock: (address: string) => string;
  resend: (address: string) => string;
  done: { revoke: string; newCode: string; unlock: string; resend: string };
  /** A 409: the copy or message moved on (opened, answered, revoked, expired) meanwhile. */
  noLongerOpen: string;
  newCodeSender: (code: string) => string;
  actionFailed: string;
  content: { stored: string; deleted: string };
}

const states = {
  en: {
    pending: 'Pending',
    notified: 'Notified',
    'notification-failed': 'Notification failed',
    'handed-over': 'Opened',
    accepted: 'Accepted',
    declined: 'Declined',
    expired: 'Expired',
    locked: 'Locked',
    revoked: 'Revoked',
    delivered: 'Delivered',
    'delivery-failed': 'Delivery failed',
  },
  nl: {
    pending: 'In behandeling',
    notified: 'Genotificeerd',
    'notification-failed': 'Notificatie mislukt',
    'handed-over': 'Geopend',
    accepted: 'Geaccepteerd',
    declined: 'Geweigerd',
    expired: 'Verlopen',
    locked: 'Geblokkeerd',
    revoked: 'Ingetrokken',
    delivered: 'Afgeleverd',
    'delivery-failed': 'Aflevering mislukt',
  },
} satisfies Record<Language, Record<RecipientState, string>>;

const en: TrackingTexts = {
  title: 'Message tracking',
  intro:
    'Find a message by sender, recipient, classification, state or date; open it to see each recipient, the evidence, and to act on it. Every action needs a reason and is recorded.',
  search: 'Search',
  filters: 'Search messages',
  sender: 'Sender (whole address)',
  recipient: 'Recipient (whole address)',
  classification: 'Classification',
  state: 'A recipient in state',
  anyState: 'Any state',
  from: 'From date',
  to: 'To date',
  invalid: 'Some filters need attention; see the messages beside them.',
  searching: 'Searching…',
  none: 'No messages match.',
  results: 'Messages found',
  more: 'Show older messages',
  columns: {
    date: 'Date',
    sender: 'Sender',
    classification: 'Classification',
    recipients: 'Recipients',
    open: 'Details',
  },
  details: (date) => `Details of the message of ${date}`,
  states: states.en,
  detailTitle: 'Message',
  close: 'Close',
  loadingDetail: 'Loading the message…',
  copies: 'Recipients',
  copyColumns: {
    address: 'Address',
    state: 'State',
    route: 'Route',
    channel: 'CE-ID by',
    actions: 'Actions',
  },
  routes: { direct: 'Direct', pickup: 'Pickup', hold: 'Held' },
  channels: { sms: 'SMS', sender: 'Sender' },
  timeline: 'Evidence',
  timelineColumns: {
    time: 'Time',
    event: 'Event',
    actor: 'By',
    recipient: 'Recipient',
    reason: 'Detail',
  },
  reason: 'Reason for the action',
  reasonHint: 'Recorded in the evidence with your name.',
  reasonRequired: 'Give a reason first.',
  revoke: 'Revoke the message',
  newCode: (a) => `New CE-ID for ${a}`,
  unlock: (a) => `Unlock the copy of ${a}`,
  resend: (a) => `Resend the notification to ${a}`,
  done: {
    revoke: 'The message is revoked; its content is destroyed.',
    newCode: 'A new CE-ID is issued; the old one no longer works.',
    unlock: 'The copy is unlocked.',
    resend:
      'The notification goes out again with a new link; the old link no longer works, the CE-ID stays the same.',
  },
  noLongerOpen:
    'This copy is no longer open for this action: it was opened, answered, revoked or expired meanwhile. The list below shows its state now.',
  newCodeSender: (code) => `Pass on this new CE-ID: ${code}`,
  actionFailed: 'The action was refused',
  content: { stored: 'Content stored', deleted: 'Content deleted' },
};

const nl: TrackingTexts = {
  title: 'Berichten volgen',
  intro:
    'Zoek een bericht op afzender, ontvanger, classificatie, status of datum; open het om elke ontvanger en het bewijs te zien en om in te grijpen. Elke actie vraagt een reden en wordt vastgelegd.',
  search: 'Zoeken',
  filters: 'Berichten zoeken',
  sender: 'Afzender (volledig adres)',
  recipient: 'Ontvanger (volledig adres)',
  classification: 'Classificatie',
  state: 'Een ontvanger met status',
  anyState: 'Elke status',
  from: 'Vanaf datum',
  to: 'Tot en met datum',
  invalid: 'Enkele filters zijn niet in orde; zie de meldingen erbij.',
  searching: 'Zoeken…',
  none: 'Geen berichten gevonden.',
  results: 'Gevonden berichten',
  more: 'Oudere berichten tonen',
  columns: {
    date: 'Datum',
    sender: 'Afzender',
    classification: 'Classificatie',
    recipients: 'Ontvangers',
    open: 'Details',
  },
  details: (date) => `Details van het bericht van ${date}`,
  states: states.nl,
  detailTitle: 'Bericht',
  close: 'Sluiten',
  loadingDetail: 'Bericht laden…',
  copies: 'Ontvangers',
  copyColumns: {
    address: 'Adres',
    state: 'Status',
    route: 'Route',
    channel: 'CE-ID via',
    actions: 'Acties',
  },
  routes: { direct: 'Direct', pickup: 'Ophalen', hold: 'Vastgehouden' },
  channels: { sms: 'Sms', sender: 'Afzender' },
  timeline: 'Bewijs',
  timelineColumns: {
    time: 'Tijd',
    event: 'Gebeurtenis',
    actor: 'Door',
    recipient: 'Ontvanger',
    reason: 'Toelichting',
  },
  reason: 'Reden voor de actie',
  reasonHint: 'Wordt met uw naam in het bewijs vastgelegd.',
  reasonRequired: 'Geef eerst een reden.',
  revoke: 'Bericht intrekken',
  newCode: (a) => `Nieuwe CE-ID voor ${a}`,
  unlock: (a) => `Kopie van ${a} deblokkeren`,
  resend: (a) => `Melding opnieuw sturen naar ${a}`,
  done: {
    revoke: 'Het bericht is ingetrokken; de inhoud is vernietigd.',
    newCode: 'Er is een nieuwe CE-ID uitgegeven; de oude werkt niet meer.',
    unlock: 'De kopie is gedeblokkeerd.',
    resend:
      'De melding gaat opnieuw uit met een nieuwe link; de oude link werkt niet meer, de CE-ID blijft hetzelfde.',
  },
  noLongerOpen:
    'Deze kopie staat niet meer open voor deze actie: ze is intussen geopend, beantwoord, ingetrokken of verlopen. De lijst hieronder toont de huidige stand.',
  newCodeSender: (code) => `Geef deze nieuwe CE-ID door: ${code}`,
  actionFailed: 'De actie is geweigerd',
  content: { stored: 'Inhoud bewaard', deleted: 'Inhoud verwijderd' },
};

export const TRACKING_TEXTS: Record<Language, TrackingTexts> = { en, nl };
