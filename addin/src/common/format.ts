import type { Language } from './i18n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (1024-based, one decimal below 10, the way file managers show sizes). */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(localeOf(language), {
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${UNITS[unit]}`;
}

export function localeOf(language: Language): string {
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}

/** An ISO date as a readable local date and time; the raw value when it does not parse. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** "3f2a…9c1d": the start and end of a digest, enough to compare by eye. */
export function shortenDigest(hex: string, keep = 8): string {
  return hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}
