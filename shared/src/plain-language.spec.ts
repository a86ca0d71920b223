import { formatZonedTime } from './plain-language';

/** The text formatZonedTime must give, built here with Intl alone (no memo). */
function expected(d: Date, lang: 'nl' | 'en'): string {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const timeZone = 'Europe/Amsterdam';
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value;
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(d);
  return `${text} ${zone}`;
}

describe('formatZonedTime', () => {
  it('says every second of a minute right, across both daylight saving changes', () => {
    for (const start of [
      Date.UTC(2026, 2, 29, 0, 58),
      Date.UTC(2026, 9, 25, 0, 58),
      Date.UTC(2026, 11, 14, 10, 0),
    ])
      for (let s = 0; s < 300; s += 7)
        for (const lang of ['nl', 'en'] as const) {
          const d = new Date(start + s * 1000 + 123);
          expect(formatZonedTime(d, lang)).toBe(expected(d, lang));
          expect(formatZonedTime(d.toISOString(), lang)).toBe(expected(d, lang));
        }
  });

  it('formats times before 1970, and gives back what is not a time', () => {
    const old = new Date('1930-05-01T12:00:30Z');
    expect(formatZonedTime(old, 'nl')).toBe(expected(old, 'nl'));
    expect(formatZonedTime('not a time', 'en')).toBe('not a time');
  });
});
