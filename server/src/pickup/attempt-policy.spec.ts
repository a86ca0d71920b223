import {
  blocksAddress,
  clientKey,
  copyTakesCodes,
  decideUnlock,
  locksCopy,
  mayJudge,
  retryAfterSeconds,
} from './attempt-policy';

const policy = { ipFailures: 3, blockMinutes: 60, messageFailures: 10 };
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('attempt policy', () => {
  it.each([
    [{ attempts: 1, blockedUntil: null }, true],
    [{ attempts: 3, blockedUntil: null }, true],
    [{ attempts: 4, blockedUntil: null }, false],
    [{ attempts: 40, blockedUntil: null }, false],
    [{ attempts: 1, blockedUntil: at(30) }, false],
    [{ attempts: 1, blockedUntil: at(-1) }, true],
  ])('judges %j: %p', (count, expected) => {
    expect(mayJudge(count, t0, policy)).toBe(expected);
  });

  it('blocks an address at the third wrong code and locks a copy at the tenth', () => {
    expect([1, 2, 3].map((n) => blocksAddress(n, policy))).toEqual([false, false, true]);
    expect([9, 10].map((n) => locksCopy(n, policy))).toEqual([false, true]);
    expect([10, 11].map((n) => copyTakesCodes(n, policy))).toEqual([true, false]);
  });

  it('tells a blocked client when to come back', () => {
    expect(retryAfterSeconds(at(60), t0, policy)).toBe(3600);
    expect(retryAfterSeconds(null, t0, policy)).toBe(3600);
    expect(retryAfterSeconds(new Date(t0.getTime() + 10), t0, policy)).toBe(1);
  });

  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s under %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });

  it.each([
    [{ found: false, codeMatches: false, openable: false }, 'deny-and-count'],
    [{ found: true, codeMatches: false, openable: true }, 'deny-and-count'],
    [{ found: true, codeMatches: true, openable: false }, 'deny'],
    [{ found: true, codeMatches: true, openable: true }, 'unlock'],
    [{ found: true, codeMatches: true, openable: false, finished: true }, 'closed'],
    [{ found: true, codeMatches: false, openable: false, finished: true }, 'deny-and-count'],
    [{ found: false, codeMatches: false, openable: false, finished: true }, 'deny-and-count'],
  ] as const)('decides %j → %s', (input, expected) => {
    expect(decideUnlock(input)).toBe(expected);
  });
});
