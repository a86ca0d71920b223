import { EVIDENCE_EVENT_TYPES, type AdminEventQuery, type EvidenceEventType } from '@zegel/shared';
import { ZegelError } from '../common/zegel-error';
import type { EventSearch } from './evidence.repository';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * The admin event log's query string as repository filters; every problem at once, by field, so
 * the console can put each next to its field.
 */
export function parseAdminEventQuery(
  raw: Record<keyof AdminEventQuery, string | undefined>,
): EventSearch {
  const problems: { path: string; message: string }[] = [];
  const search: EventSearch = { limit: 200 };
  if (raw.type) {
    const types = raw.type
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = types.filter((t) => !EVIDENCE_EVENT_TYPES.includes(t as EvidenceEventType));
    if (unknown.length)
      problems.push({
        path: 'type',
        message: `unknown: ${unknown.slice(0, 5).join(', ').slice(0, 200)}`,
      });
    else search.types = types as EvidenceEventType[];
  }
  if (raw.messageId) {
    if (!/^[0-9a-f-]{1,36}$/i.test(raw.messageId))
      problems.push({ path: 'messageId', message: 'a message id (a UUID)' });
    else search.messageId = raw.messageId.toLowerCase();
  }
  if (raw.actor) {
    if (raw.actor.length > 340) problems.push({ path: 'actor', message: 'at most 340 characters' });
    else search.actor = raw.actor.trim();
  }
  const day = (name: 'from' | 'to', value: string | undefined): Date | undefined => {
    if (!value) return undefined;
    const date = DAY.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
    if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      problems.push({ path: name, message: 'a date as YYYY-MM-DD' });
      return undefined;
    }
    return date;
  };
  search.from = day('from', raw.from);
  const to = day('to', raw.to);
  // `to` is a whole day: everything before the next midnight.
  if (to) search.to = new Date(to.getTime() + DAY_MS);
  if (search.from && search.to && search.from >= search.to)
    problems.push({ path: 'to', message: 'on or after the from date' });
  if (raw.before) {
    if (!/^\d{1,15}$/.test(raw.before))
      problems.push({ path: 'before', message: 'a whole number' });
    else search.before = Number(raw.before);
  }
  if (raw.limit) {
    const limit = /^\d{1,4}$/.test(raw.limit) ? Number(raw.limit) : NaN;
    if (!(limit >= 1 && limit <= 1000)) problems.push({ path: 'limit', message: '1 to 1000' });
    else search.limit = limit;
  }
  if (problems.length)
    throw new ZegelError('VALIDATION_FAILED', 'The event log filters are not valid.', problems);
  return search;
}
