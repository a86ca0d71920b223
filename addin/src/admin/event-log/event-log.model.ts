import type { EvidenceEventView } from '@zegel/shared';

export type EventKind = 'all' | 'admin' | 'evidence';

export interface EventFilters {
  kind: EventKind;
  actor: string;
  messageId: string;
  from: string;
  to: string;
}

/** The events the filters keep, newest first. */
export function filterEvents(events: EvidenceEventView[], f: EventFilters): EvidenceEventView[] {
  const actor = f.actor.trim().toLowerCase();
  const messageId = f.messageId.trim().toLowerCase();
  const from = f.from ? `${f.from}T00:00:00.000Z` : '';
  const to = f.to ? `${f.to}T23:59:59.999Z` : '';
  return events
    .filter(
      (e) =>
        (f.kind === 'all' || (f.kind === 'admin') === (e.type === 'ConfigurationChange')) &&
        (!actor || e.actor.toLowerCase().includes(actor)) &&
        (!messageId || (e.messageId ?? '').toLowerCase() === messageId) &&
        (!from || e.time >= from) &&
        (!to || e.time <= to),
    )
    .reverse();
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
