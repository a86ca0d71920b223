import { authClientKey, authFailureDelayMs } from './auth-limit.util';

describe('authClientKey', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1:2:3:4', 'fe80:0:0:0::/64'],
    ['2001:db8:1:2::192.0.2.1', '2001:db8:1:2::/64'],
  ])('%s → %s', (address, key) => {
    expect(authClientKey(address)).toBe(key);
  });
});

describe('authFailureDelayMs', () => {
  it('doubles with each failure up to 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => authFailureDelayMs(500, n))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(authFailureDelayMs(0, 5)).toBe(0);
  });
});
