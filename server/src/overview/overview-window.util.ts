import { ZegelError } from '../common/zegel-error';

const DAY_MS = 86_400_000;

/** `?days=` of the overview and the readiness list: a whole number from 1 to `max`. */
export function parseDays(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const days = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= max)) {
    throw new ZegelError('VALIDATION_FAILED', `days must be a whole number from 1 to ${max}.`, [
      { path: 'days', message: `1 to ${max}` },
    ]);
  }
  return days;
}

/** The start (00:00 UTC) of the first of the `days` days that end with today. */
export function windowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** Every day (YYYY-MM-DD) from `start`, `days` of them. */
export function daysFrom(start: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) =>
    new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
}

/** A share as a fraction rounded to three decimals; null when there is nothing to share. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}
