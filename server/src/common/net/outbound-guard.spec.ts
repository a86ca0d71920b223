import { OutboundGuard, parseCidr, unmapIpv4 } from './outbound-guard';

describe('OutboundGuard', () => {
  const guard = new OutboundGuard();

  it.each([
    ['127.0.0.1', false],
    ['127.0.0.2', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['192.0.0.8', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['93.184.215.14', true],
    ['::1', false],
    ['::', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['2001:db8::1', true],
    ['2a00:1450:400e:80c::201a', true],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['0:0:0:0:0:ffff:10.0.0.1', false],
    ['::ffff:93.184.215.14', true],
    ['[::1]', false],
    ['not-an-address', false],
  ])('%s → allowed %s', (address, allowed) => {
    expect(guard.check(address).allowed).toBe(allowed);
  });

  it('says why in words', () => {
    const result = guard.check('127.0.0.2');
    expect(result).toEqual({
      allowed: false,
      reason: expect.stringContaining('ZEGEL_PRIVATE_TARGETS_ALLOWED'),
    });
  });

  it('lets configured ranges through, IPv4-mapped forms included', () => {
    const lab = OutboundGuard.fromList(['127.0.0.0/8', '::1']);
    expect(lab.check('127.0.0.9').allowed).toBe(true);
    expect(lab.check('::ffff:127.0.0.9').allowed).toBe(true);
    expect(lab.check('::1').allowed).toBe(true);
    expect(lab.check('10.0.0.1').allowed).toBe(false);
  });

  it('parses ranges strictly', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', 'example.org', '10.0.0.0/8/1', '1.2.3.4/x', ''])
      expect(parseCidr(bad)).toBeNull();
    expect(() => OutboundGuard.fromList(['nonsense'])).toThrow(/not an address/);
    expect(unmapIpv4('::ffff:c0a8:0101')).toBe('192.168.1.1');
    expect(unmapIpv4('2001:db8::1')).toBeNull();
  });

  it('refuses in lookup when every answer is refused, and keeps the allowed ones', async () => {
    const lookup = guard.lookup(async () => ['127.0.0.1', '93.184.215.14']);
    const one = await new Promise<string>((resolve, reject) =>
      lookup('mx.example', {}, (error, address) =>
        error ? reject(error) : resolve(address as string),
      ),
    );
    expect(one).toBe('93.184.215.14');
    const refused = guard.lookup(async () => ['10.0.0.1']);
    await expect(
      new Promise((resolve, reject) =>
        refused('mx.example', {}, (error, address) => (error ? reject(error) : resolve(address))),
      ),
    ).rejects.toMatchObject({ code: 'ZEGEL_TARGET_REFUSED' });
  });
});
