import {
  afterFailure,
  decideUnlock,
  isBlocked,
  lockedAfter,
  retryAfterSeconds,
} from './attempt-policy';

const policy = { ipFailures: 3, blockMinutes: 60, messageFailures: 10 };
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('attempt policy', () => {
  it('blocks an address at the third wrong code', () => {
    const first = afterFailure(null, t0, policy);
    const second = afterFailure(first, at(1), policy);
    const third = afterFailure(second, at(2), policy);
    expect([first.blockedUntil, second.blockedUntil]).toEqual([null, null]);
    expect(third.blockedUntil).toEqual(at(62));
    expect(isBlocked(second, at(2))).toBe(false);
    expect(isBlocked(third, at(3))).toBe(true);
    expect(isBlocked(third, at(63))).toBe(false);
    expect(retryAfterSeconds(third, at(2))).toBe(3600);
  });

  it('starts counting afresh after the window', () => {
    const two = afterFailure(afterFailure(null, t0, policy), at(1), policy);
    const later = afterFailure(two, at(120), policy);
    expect(later.failures).toBe(1);
    expect(later.blockedUntil).toBeNull();
  });

  it('locks a copy at the per-message limit', () => {
    expect(lockedAfter(9, policy)).toBe(false);
    expect(lockedAfter(10, policy)).toBe(true);
  });

  it.each([
    [{ found: false, codeMatches: false, openable: false }, 'deny-and-count'],
    [{ found: true, codeMatches: false, openable: true }, 'deny-and-count'],
    [{ found: true, codeMatches: true, openable: false }, 'deny'],
    [{ found: true, codeMatches: true, openable: true }, 'unlock'],
  ] as const)('decides %j → %s', (input, expected) => {
    expect(decideUnlock(input)).toBe(expected);
  });
});
