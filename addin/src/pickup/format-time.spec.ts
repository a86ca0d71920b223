import { formatTimeWithZone } from './format-time';

describe('times with their time zone', () => {
  it.each([
    ['en', 'Europe/Amsterdam', /^7 December 2026.*15:05.*(CET|GMT\+1)/],
    ['nl', 'Europe/Amsterdam', /^7 december 2026.*15:05.*(CET|GMT\+1)/],
    ['en', 'UTC', /14:05.*UTC/],
  ] as const)('%s in %s', (language, zone, expected) => {
    expect(formatTimeWithZone('2026-12-07T14:05:00Z', language, zone)).toMatch(expected);
  });

  it('gives back what does not parse', () => {
    expect(formatTimeWithZone('not a date', 'en')).toBe('not a date');
  });
});
