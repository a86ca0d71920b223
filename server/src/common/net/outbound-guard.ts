import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Ranges Zegel never connects to on a user's behalf unless ZEGEL_PRIVATE_TARGETS_ALLOWED lets it:
 * this host, private networks, link-local, multicast and reserved space. A mail domain, MTA-STS
 * host or webhook URL that resolves into one of them is refused (server-side request forgery).
 */
export const REFUSED_RANGES: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses `10.0.0.0/8`, `::1/128` or a bare address (a range of one); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (!version) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d or ::ffff:xxxx:xxxx). */
export function unmapIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted && isIP(dotted[1]) === 4) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return null;
}

function blockListOf(ranges: readonly Cidr[]): BlockList {
  const list = new BlockList();
  for (const r of ranges) list.addSubnet(r.address, r.prefix, r.family);
  return list;
}

export type TargetCheck = { allowed: true } | { allowed: false; reason: string };

/** The error a refused connection fails with; `code` lets callers tell it from network errors. */
export class TargetRefusedError extends Error {
  readonly code = 'ZEGEL_TARGET_REFUSED';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TargetRefusedError';
  }
}

/**
 * The one check every outbound connection made on a user's behalf goes through (SmartTLS probes,
 * MTA-STS fetches, TLS reports over https, direct delivery, webhooks). It judges the address that
 * is connected to, never the name: use `check` on an IP literal before connecting, `lookup` as
 * the resolver of an HTTP agent or socket, and `checkSocket` once connected.
 */
export class OutboundGuard {
  private readonly refused = blockListOf(REFUSED_RANGES.map((r) => parseCidr(r)!));
  private readonly allowed: BlockList;

  constructor(readonly allowedRanges: readonly Cidr[] = []) {
    this.allowed = blockListOf(allowedRanges);
  }

  /** From the comma list of ZEGEL_PRIVATE_TARGETS_ALLOWED (already validated by the config). */
  static fromList(list: readonly string[]): OutboundGuard {
    return new OutboundGuard(
      list.map((item) => {
        const cidr = parseCidr(item);
        if (!cidr) throw new Error(`"${item}" is not an address or CIDR range`);
        return cidr;
      }),
    );
  }

  check(address: string): TargetCheck {
    const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const version = isIP(bare);
    if (!version) return { allowed: false, reason: `"${address}" is not an IP address` };
    const v4 = version === 6 ? unmapIpv4(bare) : bare;
    const [addr, family] = v4 ? [v4, 'ipv4' as const] : [bare, 'ipv6' as const];
    if (this.allowed.check(addr, family)) return { allowed: true };
    if (this.refused.check(addr, family)) {
      return {
        allowed: false,
        reason: `${address} is a loopback, private, link-local or reserved address; Zegel does not connect there unless ZEGEL_PRIVATE_TARGETS_ALLOWED includes it`,
      };
    }
    return { allowed: true };
  }

  /** Throws TargetRefusedError for a refused address. */
  assert(address: string): void {
    const result = this.check(address);
    if (!result.allowed) throw new TargetRefusedError(result.reason);
  }

  /**
   * A `lookup` for net/tls/https that resolves with `resolve` (e.g. the validating resolver) and
   * hands over only allowed addresses; when every answer is refused it fails with the reason.
   */
  lookup(resolve: (host: string) => Promise<string[]>): LookupFunction {
    return (hostname, options, callback) => {
      const literal = isIP(hostname) ? Promise.resolve([hostname]) : resolve(hostname);
      literal.then(
        (addresses) => {
          const checks = addresses.map((a) => ({ address: a, result: this.check(a) }));
          const usable = checks.filter((c) => c.result.allowed).map((c) => c.address);
          if (!usable.length) {
            const refused = checks.find((c) => !c.result.allowed);
            const error = refused
              ? new TargetRefusedError((refused.result as { reason: string }).reason)
              : Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
            callback(error as NodeJS.ErrnoException, '', 4);
            return;
          }
          const entries = usable.map((address) => ({ address, family: isIP(address) }));
          if ((options as { all?: boolean }).all) {
            (callback as unknown as (e: null, a: typeof entries) => void)(null, entries);
          } else callback(null, entries[0].address, entries[0].family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
      );
    };
  }

  /** After connecting: the peer address really connected to must be allowed too. */
  checkSocket(socket: { remoteAddress?: string }): TargetCheck {
    if (!socket.remoteAddress) return { allowed: false, reason: 'the peer address is unknown' };
    return this.check(socket.remoteAddress);
  }
}

/** A guard that refuses the default ranges and allows nothing extra. */
export const DEFAULT_OUTBOUND_GUARD = new OutboundGuard();
