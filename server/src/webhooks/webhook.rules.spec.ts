import { backoffMs, shouldDisable } from './webhook.rules';

describe('webhook rules', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [30, 3_600_000],
  ])('waits base × 2^(n-1) after attempt %i, capped at an hour', (attempts, wait) => {
    expect(backoffMs(1_000, attempts, () => 0.5)).toBe(wait);
    expect(backoffMs(1_000, attempts, () => 0)).toBe(wait * 0.8);
    expect(backoffMs(1_000, attempts, () => 1)).toBe(wait * 1.2);
  });

  const day = 86_400_000;
  const now = new Date('2026-11-30T08:00:00Z');
  it.each([
    [null, false],
    [new Date(now.getTime() - 4 * day), false],
    [new Date(now.getTime() - 5 * day), true],
    [new Date(now.getTime() - 6 * day), true],
  ])('failing since %s with a 5-day limit → disable %s', (since, disable) => {
    expect(shouldDisable(since, now, 5 * day)).toBe(disable);
  });
});
