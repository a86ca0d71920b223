import { retryAfterMs } from './https.util';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  it.each([
    ['7', 7_000],
    [' 0 ', 0],
    [['3', '9'], 3_000],
    ['Mon, 30 Nov 2026 10:00:30 GMT', 30_000],
    ['Mon, 30 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined],
  ])('%j → %s', (value, expected) => {
    expect(retryAfterMs(value as string | string[] | undefined, now)).toBe(expected);
  });
});
