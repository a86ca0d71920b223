import { isIP } from 'node:net';

/**
 * The key that SMTP AUTH failures are counted under: the IPv4 address, or the /64 of an IPv6
 * address (one subscriber usually holds a whole /64, so counting single addresses would let a
 * guesser rotate through 2^64 of them).
 */
export function authClientKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(plain) !== 6) return plain;
  const [head, tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail counts as two groups; it is beyond the /64 anyway.
  const rightGroups = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = plain.includes('::')
    ? [...left, ...Array<string>(8 - left.length - rightGroups).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** How long to wait before answering the n-th failure of an address: doubling, at most 8 s. */
export const authFailureDelayMs = (baseMs: number, failures: number): number =>
  Math.min(baseMs * 2 ** Math.max(0, failures - 1), 8_000);

/** Failures in one SMTP session before the connection is closed. */
export const SESSION_AUTH_FAILURES = 3;
