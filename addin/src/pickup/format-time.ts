import type { Language } from '../common/i18n';
import { localeOf } from '../common/format';

/**
 * An ISO time as a readable local date and time with its time zone ("7 December 2026 at 14:05 CET"),
 * so a recipient abroad or on a shifted clock reads deadlines right. The raw value when it does not
 * parse.
 */
export function formatTimeWithZone(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}
