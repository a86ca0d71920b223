import type { Language } from '../../common/i18n';

export interface EventLogTexts {
  title: string;
  intro: string;
  loading: string;
  filters: string;
  kind: string;
  kinds: { all: string; admin: string; evidence: string };
  actor: string;
  messageId: string;
  from: string;
  to: string;
  verified: (count: number, first: number, last: number) => string;
  verifiedTitle: string;
  brokenTitle: string;
  shown: (shown: number, total: number) => string;
  exportCsv: string;
  exportJson: string;
  table: string;
  columns: {
    seq: string;
    time: string;
    type: string;
    actor: string;
    subject: string;
    detail: string;
  };
  none: string;
  truncated: (max: number) => string;
}

const en: EventLogTexts = {
  title: 'Event log',
  intro:
    'Admin changes and evidence events, in the one signed, hash-chained log. Filter them, and export what is shown as CSV or JSON.',
  loading: 'Loading and verifying the log…',
  filters: 'Filter the events',
  kind: 'Kind',
  kinds: { all: 'All events', admin: 'Admin changes', evidence: 'Evidence of messages' },
  actor: 'By (part of the actor)',
  messageId: 'Message id',
  from: 'From date',
  to: 'To date',
  verifiedTitle: 'Chain verified',
  verified: (count, first, last) =>
    `The server checked all ${count} events (${first} to ${last}) before showing them: each event's hash and signature, and that each names the hash of the one before it. The events shown are part of that unbroken chain.`,
  brokenTitle: 'The chain does not verify',
  shown: (shown, total) => `${shown} of ${total} events shown.`,
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  table: 'Events',
  columns: {
    seq: '#',
    time: 'Time',
    type: 'Event',
    actor: 'By',
    subject: 'Concerns',
    detail: 'Detail',
  },
  none: 'No events match.',
  truncated: (max) =>
    `Only the newest ${max} matching events are listed; the exports hold them all.`,
};

const nl: EventLogTexts = {
  title: 'Gebeurtenissenlog',
  intro:
    'Wijzigingen door beheerders en bewijsgebeurtenissen, in het ene ondertekende, aaneengeschakelde log. Filter ze en exporteer wat getoond wordt als CSV of JSON.',
  loading: 'Log laden en controleren…',
  filters: 'Gebeurtenissen filteren',
  kind: 'Soort',
  kinds: {
    all: 'Alle gebeurtenissen',
    admin: 'Wijzigingen door beheerders',
    evidence: 'Bewijs van berichten',
  },
  actor: 'Door (deel van de actor)',
  messageId: 'Bericht-id',
  from: 'Vanaf datum',
  to: 'Tot en met datum',
  verifiedTitle: 'Keten gecontroleerd',
  verified: (count, first, last) =>
    `De server heeft alle ${count} gebeurtenissen (${first} tot en met ${last}) gecontroleerd voordat ze getoond worden: van elke gebeurtenis de hash en de handtekening, en dat elke de hash van de vorige noemt. De getoonde gebeurtenissen horen bij die ononderbroken keten.`,
  brokenTitle: 'De keten klopt niet',
  shown: (shown, total) => `${shown} van ${total} gebeurtenissen getoond.`,
  exportCsv: 'CSV exporteren',
  exportJson: 'JSON exporteren',
  table: 'Gebeurtenissen',
  columns: {
    seq: '#',
    time: 'Tijd',
    type: 'Gebeurtenis',
    actor: 'Door',
    subject: 'Betreft',
    detail: 'Toelichting',
  },
  none: 'Geen gebeurtenissen gevonden.',
  truncated: (max) =>
    `Alleen de nieuwste ${max} gevonden gebeurtenissen staan hier; de exports bevatten ze allemaal.`,
};

export const EVENT_LOG_TEXTS: Record<Language, EventLogTexts> = { en, nl };
