import { formatZonedTime } from '@zegel/shared';
import { formatTime } from './mail-layout';

describe('formatTime', () => {
  it('says every second of a minute as formatZonedTime does, across daylight saving changes', () => {
    for (const start of [
      Date.UTC(2026, 2, 29, 0, 58),
      Date.UTC(2026, 9, 25, 0, 58),
      Date.UTC(2026, 11, 14, 10, 0),
    ])
      for (let s = 0; s < 300; s += 7)
        for (const lang of ['nl', 'en'] as const) {
          const d = new Date(start + s * 1000 + 123);
          expect(formatTime(d, lang)).toBe(formatZonedTime(d, lang));
        }
  });

  it('formats times before 1970 and invalid dates as formatZonedTime does', () => {
    for (const d of [new Date('1930-05-01T12:00:30Z'), new Date(Number.NaN)])
      expect(formatTime(d, 'nl')).toBe(formatZonedTime(d, 'nl'));
  });
});
