import { isIPv4, isIPv6 } from 'node:net';

/** How code attempts are limited: per client address and per recipient copy. */
export interface AttemptPolicy {
  ipFailures: number;
  blockMinutes: number;
  messageFailures: number;
}

/** The address counter after one more attempt was counted (see PickupAttemptRepository). */
export interface AddressCount {
  attempts: number;
  blockedUntil: Date | null;
}

/**
 * The key attempts are counted under. An IPv6 client usually holds a whole /64, so it is counted
 * per /64; IPv4 (and IPv4-mapped IPv6) per address.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head, tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const fill = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...fill, ...right].map((h) => h.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * Whether an attempt may be judged. The counter is raised before the code is looked at, so of a
 * burst of attempts from one address only as many as the limit are ever judged; the rest, and
 * every attempt while the address is blocked, are refused unjudged.
 */
export function mayJudge(count: AddressCount, now: Date, policy: AttemptPolicy): boolean {
  if (count.blockedUntil && count.blockedUntil > now) return false;
  return count.attempts <= policy.ipFailures;
}

/** Whether a copy still takes codes after this many attempts from all addresses together. */
export function copyTakesCodes(attempts: number, policy: AttemptPolicy): boolean {
  return attempts <= policy.messageFailures;
}

/** After a wrong code: the address is blocked once its attempts reach the limit. */
export const blocksAddress = (attempts: number, policy: AttemptPolicy): boolean =>
  attempts >= policy.ipFailures;

/** After a wrong code: the copy is locked once its attempts reach the limit. */
export const locksCopy = (attempts: number, policy: AttemptPolicy): boolean =>
  attempts >= policy.messageFailures;

/** Seconds until a blocked address may try again (for Retry-After); at least 1. */
export function retryAfterSeconds(
  blockedUntil: Date | null,
  now: Date,
  policy: AttemptPolicy,
): number {
  const until =
    blockedUntil && blockedUntil > now
      ? blockedUntil.getTime()
      : now.getTime() + policy.blockMinutes * 60_000;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

export type UnlockOutcome = 'unlock' | 'deny-and-count' | 'deny' | 'closed';

/**
 * The decision for one judged attempt. A wrong code counts, whether or not the link exists, so
 * guessing links is as costly as guessing codes. A right code for a copy that can no longer be
 * opened is refused without counting: a locked copy like any refusal, a finished one (declined,
 * expired, revoked, content deleted) with "no longer available". Only the holder of the right code
 * can learn that, so it tells a guesser nothing.
 */
export function decideUnlock(input: {
  found: boolean;
  codeMatches: boolean;
  openable: boolean;
  /** The copy is finished for good (not merely locked). */
  finished?: boolean;
}): UnlockOutcome {
  if (!input.found || !input.codeMatches) return 'deny-and-count';
  if (input.openable) return 'unlock';
  return input.finished ? 'closed' : 'deny';
}
