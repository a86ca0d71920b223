import type { Language } from '../../common/i18n';

export interface OverviewTexts {
  title: string;
  intro: string;
  loading: string;
  period: string;
  periodDays: (days: number) => string;
  perDayTitle: string;
  perDaySummary: (direct: number, pickup: number, days: number) => string;
  direct: string;
  pickup: string;
  day: string;
  messages: string;
  ratesTitle: string;
  pickupRate: string;
  pickupRateOf: (opened: number, copies: number) => string;
  acceptanceRate: string;
  acceptanceRateOf: (accepted: number, opened: number, declined: number) => string;
  noCopies: string;
  queueTitle: string;
  queued: string;
  oldest: string;
  oldestAge: (seconds: number | null) => string;
  failedJobs: string;
  failedTitle: string;
  failedCount: (count: number) => string;
  failedTable: string;
  columns: { when: string; recipient: string; route: string; state: string; message: string };
  certificateTitle: string;
  certificateNone: string;
  expiresIn: (days: number) => string;
  expired: (days: number) => string;
  validUntil: string;
  development: string;
  issuer: string;
  subject: string;
  states: Record<string, string>;
}

const age = (seconds: number | null, units: [string, string, string, string]): string => {
  if (seconds === null) return '—';
  const [s, m, h, d] = units;
  if (seconds < 120) return `${seconds} ${s}`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} ${m}`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} ${h}`;
  return `${Math.round(seconds / 86_400)} ${d}`;
};

const en: OverviewTexts = {
  title: 'Overview',
  intro:
    'How mail went over the last days: messages by route, how many recipients picked up and accepted, what waits in the queue, failed deliveries and the connector certificate.',
  loading: 'Loading the overview…',
  period: 'Period',
  periodDays: (days) => `Last ${days} days`,
  perDayTitle: 'Messages per day by route',
  perDaySummary: (direct, pickup, days) =>
    `In the last ${days} days: ${direct} delivered straight to the inbox, ${pickup} through the pickup portal. A message to recipients on both routes counts on each.`,
  direct: 'Direct to the inbox',
  pickup: 'Pickup portal',
  day: 'Day',
  messages: 'Messages',
  ratesTitle: 'Pickup and acceptance',
  pickupRate: 'Picked up',
  pickupRateOf: (opened, copies) => `${opened} of ${copies} copies sent for pickup were opened`,
  acceptanceRate: 'Accepted',
  acceptanceRateOf: (accepted, opened, declined) =>
    `${accepted} of ${opened} opened copies accepted, ${declined} declined`,
  noCopies: 'none yet',
  queueTitle: 'Queue',
  queued: 'Jobs waiting',
  oldest: 'Oldest job',
  oldestAge: (seconds) => age(seconds, ['seconds', 'minutes', 'hours', 'days']),
  failedJobs: 'Jobs given up',
  failedTitle: 'Failed deliveries',
  failedCount: (count) =>
    count === 0
      ? 'No delivery or notification failed in this period.'
      : `${count} ${count === 1 ? 'copy' : 'copies'} could not be delivered or notified in this period.`,
  failedTable: 'Latest failed deliveries',
  columns: {
    when: 'When',
    recipient: 'Recipient',
    route: 'Route',
    state: 'State',
    message: 'Message',
  },
  certificateTitle: 'Connector certificate',
  certificateNone: 'The SMTP connector is not running.',
  expiresIn: (days) => `Expires in ${days} ${days === 1 ? 'day' : 'days'}`,
  expired: (days) => `Expired ${-days} ${days === -1 ? 'day' : 'days'} ago`,
  validUntil: 'Valid until',
  development:
    'A self-signed development certificate: configure ZEGEL_SMTP_TLS_CERT_FILE and ZEGEL_SMTP_TLS_KEY_FILE before Exchange connects.',
  issuer: 'Issuer',
  subject: 'Subject',
  states: {
    'delivery-failed': 'Delivery failed',
    'notification-failed': 'Notification failed',
  },
};

const nl: OverviewTexts = {
  title: 'Overzicht',
  intro:
    'Hoe de mail de afgelopen dagen ging: berichten per route, hoeveel ontvangers ophaalden en accepteerden, wat er in de wachtrij staat, mislukte afleveringen en het certificaat van de connector.',
  loading: 'Overzicht laden…',
  period: 'Periode',
  periodDays: (days) => `Afgelopen ${days} dagen`,
  perDayTitle: 'Berichten per dag per route',
  perDaySummary: (direct, pickup, days) =>
    `In de afgelopen ${days} dagen: ${direct} rechtstreeks in de inbox afgeleverd, ${pickup} via het ophaalportaal. Een bericht aan ontvangers op beide routes telt op elk mee.`,
  direct: 'Rechtstreeks in de inbox',
  pickup: 'Ophaalportaal',
  day: 'Dag',
  messages: 'Berichten',
  ratesTitle: 'Ophalen en accepteren',
  pickupRate: 'Opgehaald',
  pickupRateOf: (opened, copies) =>
    `${opened} van ${copies} exemplaren voor het portaal zijn geopend`,
  acceptanceRate: 'Geaccepteerd',
  acceptanceRateOf: (accepted, opened, declined) =>
    `${accepted} van ${opened} geopende exemplaren geaccepteerd, ${declined} geweigerd`,
  noCopies: 'nog geen',
  queueTitle: 'Wachtrij',
  queued: 'Wachtende taken',
  oldest: 'Oudste taak',
  oldestAge: (seconds) => age(seconds, ['seconden', 'minuten', 'uur', 'dagen']),
  failedJobs: 'Opgegeven taken',
  failedTitle: 'Mislukte afleveringen',
  failedCount: (count) =>
    count === 0
      ? 'Er is in deze periode geen aflevering of melding mislukt.'
      : `${count} ${count === 1 ? 'exemplaar kon' : 'exemplaren konden'} in deze periode niet worden afgeleverd of gemeld.`,
  failedTable: 'Laatste mislukte afleveringen',
  columns: {
    when: 'Wanneer',
    recipient: 'Ontvanger',
    route: 'Route',
    state: 'Status',
    message: 'Bericht',
  },
  certificateTitle: 'Certificaat van de connector',
  certificateNone: 'De SMTP-connector draait niet.',
  expiresIn: (days) => `Verloopt over ${days} ${days === 1 ? 'dag' : 'dagen'}`,
  expired: (days) => `${-days} ${days === -1 ? 'dag' : 'dagen'} geleden verlopen`,
  validUntil: 'Geldig tot',
  development:
    'Een zelfondertekend ontwikkelcertificaat: stel ZEGEL_SMTP_TLS_CERT_FILE en ZEGEL_SMTP_TLS_KEY_FILE in voordat Exchange verbinding maakt.',
  issuer: 'Uitgever',
  subject: 'Onderwerp',
  states: {
    'delivery-failed': 'Aflevering mislukt',
    'notification-failed': 'Melding mislukt',
  },
};

export const OVERVIEW_TEXTS: Record<Language, OverviewTexts> = { en, nl };
