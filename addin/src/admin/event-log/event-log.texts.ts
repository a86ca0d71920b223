import type { Language } from '../../common/i18n';

export interface EventLogTexts {
  title: string;
  intro: string;
  loading: string;
  filters: string;
  kind: string;
  kinds: { all: string; admin: string; evidence: string };
  oneType: string;
  apply: string;
  clear: string;
  loadOlder: string;
  exporting: string;
  actor: string;
  messageId: string;
  from: string;
  to: string;
  verified: (count: number) => string;
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
  oneType: 'One event type',
  apply: 'Show events',
  clear: 'Clear filters',
  loadOlder: 'Show older events',
  exporting: 'Preparing the export…',
  actor: 'By (part of the actor)',
  messageId: 'Message id',
  from: 'From date',
  to: 'To date',
  verifiedTitle: 'Chain verified',
  verified: (count) =>
    `The server checked each of the ${count} events shown before showing them: its hash and signature, and that it names the hash of the event before it in its chain, also when a filter hides that one. The exports hold the same verified events.`,
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
    `The exports hold at most the newest ${max} matching events; narrow the filters for older ones.`,
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
  oneType: 'Eén soort gebeurtenis',
  apply: 'Gebeurtenissen tonen',
  clear: 'Filters wissen',
  loadOlder: 'Oudere gebeurtenissen tonen',
  exporting: 'Export voorbereiden…',
  actor: 'Door (deel van de actor)',
  messageId: 'Bericht-id',
  from: 'Vanaf datum',
  to: 'Tot en met datum',
  verifiedTitle: 'Keten gecontroleerd',
  verified: (count) =>
    `De server heeft elk van de ${count} getoonde gebeurtenissen gecontroleerd voordat ze getoond worden: de hash en de handtekening, en dat de gebeurtenis de hash noemt van de vorige in haar keten, ook als een filter die vorige verbergt. De exports bevatten dezelfde gecontroleerde gebeurtenissen.`,
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
    `De exports bevatten hoogstens de nieuwste ${max} gevonden gebeurtenissen; verfijn de filters voor oudere.`,
};

export const EVENT_LOG_TEXTS: Record<Language, EventLogTexts> = { en, nl };
