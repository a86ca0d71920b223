import { BlockList, isIP } from 'node:net';

/** An IPv4-mapped IPv6 address (::ffff:192.0.2.1) as the IPv4 address it stands for. */
export function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}

export interface IpAllowlist {
  allows(ip: string): boolean;
}

/**
 * Parses "192.0.2.0/24, 2001:db8::/32, 198.51.100.7" into an allowlist. Throws one error listing
 * every entry that is not an address or CIDR block.
 */
export function parseIpAllowlist(entries: string[]): IpAllowlist {
  const list = new BlockList();
  const bad: string[] = [];
  for (const entry of entries) {
    const [address, prefixText, extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      !family ||
      extra !== undefined ||
      (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
      prefix > max
    ) {
      bad.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  if (bad.length) {
    throw new Error(`ZEGEL_SMTP_ALLOWED_IPS: not an address or CIDR block: ${bad.join(', ')}`);
  }
  return {
    allows(ip: string): boolean {
      const address = plainAddress(ip);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
