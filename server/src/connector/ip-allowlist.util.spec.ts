import { parseIpAllowlist, plainAddress } from './ip-allowlist.util';

describe('parseIpAllowlist', () => {
  const list = parseIpAllowlist(['127.0.0.1/8', '192.0.2.7', '2001:db8::/32', '40.92.0.0/15']);
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.7', true],
    ['192.0.2.8', false],
    ['2001:db8:1::5', true],
    ['2001:db9::1', false],
    ['40.93.255.1', true],
    ['40.94.0.1', false],
    ['10.0.0.1', false],
    ['not-an-ip', false],
  ])('%s → %p', (ip, allowed) => expect(list.allows(ip)).toBe(allowed));

  it('allows nobody when empty', () =>
    expect(parseIpAllowlist([]).allows('127.0.0.1')).toBe(false));

  it('lists every bad entry at once', () => {
    expect(() =>
      parseIpAllowlist(['10.0.0.0/33', 'example.org', '10.0.0.0/8', '::1/129', '1.2.3.4/x']),
    ).toThrow('not an address or CIDR block: 10.0.0.0/33, example.org, ::1/129, 1.2.3.4/x');
  });

  it('unwraps IPv4-mapped IPv6 only', () => {
    expect(plainAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(plainAddress('::1')).toBe('::1');
  });
});
