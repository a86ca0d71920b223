import {
  EVIDENCE_EVENT_TYPES,
  type EvidenceEventType,
  type EvidenceEventView,
} from '@zegel/shared';

/** `all`, the two groups, or one event type. */
export type EventKind = 'all' | 'admin' | 'evidence' | EvidenceEventType;

export interface EventFilters {
  kind: EventKind;
  actor: string;
  messageId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: EventFilters = { kind: 'all', actor: '', messageId: '', from: '', to: '' };

/** The event types a kind stands for; none for every type. */
export function typesOf(kind: EventKind): EvidenceEventType[] {
  if (kind === 'all') return [];
  if (kind === 'admin') return ['ConfigurationChange'];
  if (kind === 'evidence') return EVIDENCE_EVENT_TYPES.filter((t) => t !== 'ConfigurationChange');
  return [kind];
}

/** The query string of GET /api/v1/admin/events for these filters, a page size and a cursor. */
export function eventsQuery(f: EventFilters, limit: number, before?: string | null): string {
  const query = new URLSearchParams();
  const types = typesOf(f.kind);
  if (types.length) query.set('type', types.join(','));
  if (f.messageId.trim()) query.set('messageId', f.messageId.trim());
  if (f.actor.trim()) query.set('actor', f.actor.trim());
  if (f.from) query.set('from', f.from);
  if (f.to) query.set('to', f.to);
  if (before) query.set('before', before);
  query.set('limit', String(limit));
  return query.toString();
}

const CSV_COLUMNS = [
  'seq',
  'time',
  'type',
  'actor',
  'messageId',
  'recipient',
  'ip',
  'reason',
  'details',
  'prevHash',
  'hash',
  'signature',
] as const;

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function toCsv(events: EvidenceEventView[]): string {
  const cell = (value: unknown): string => {
    let text =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value as string | number);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = events.map((e) => CSV_COLUMNS.map((c) => cell(e[c])).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
