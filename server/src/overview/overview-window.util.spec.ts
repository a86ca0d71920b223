import { ZegelError } from '../common/zegel-error';
import { daysFrom, parseDays, rate, windowStart } from './overview-window.util';

describe('overview window', () => {
  it.each([
    [undefined, 14],
    ['', 14],
    ['1', 1],
    ['90', 90],
  ])('days %j is %d', (raw, days) => expect(parseDays(raw, 14, 90)).toBe(days));

  it.each(['0', '91', '-1', '1.5', 'x', '00000007'])(
    'refuses days=%j with a stable code',
    (raw) => {
      expect(() => parseDays(raw, 14, 90)).toThrow(ZegelError);
      try {
        parseDays(raw, 14, 90);
      } catch (error) {
        expect((error as ZegelError).code).toBe('VALIDATION_FAILED');
      }
    },
  );

  it('starts at midnight UTC and lists every day up to today', () => {
    const start = windowStart(new Date('2026-03-02T23:30:00+01:00'), 3);
    expect(start.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(daysFrom(start, 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it.each([
    [1, 3, 0.333],
    [0, 0, null],
    [2, 2, 1],
  ])('rate(%d, %d) is %j', (part, whole, expected) => expect(rate(part, whole)).toBe(expected));
});
