/** How wrong CE-IDs are counted: per client address and per recipient copy. */
export interface AttemptPolicy {
  ipFailures: number;
  blockMinutes: number;
  messageFailures: number;
}

export interface IpFailureRecord {
  failures: number;
  windowStart: Date;
  blockedUntil: Date | null;
}

export function isBlocked(record: IpFailureRecord | null, now: Date): boolean {
  return !!record?.blockedUntil && record.blockedUntil > now;
}

/** Seconds until a blocked address may try again (for Retry-After). */
export function retryAfterSeconds(record: IpFailureRecord, now: Date): number {
  return Math.max(
    1,
    Math.ceil(((record.blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000),
  );
}

/**
 * One more wrong code from an address. Failures count within a window as long as the block; the
 * n-th failure (n = ipFailures) blocks the address for blockMinutes.
 */
export function afterFailure(
  record: IpFailureRecord | null,
  now: Date,
  policy: AttemptPolicy,
): IpFailureRecord {
  const windowMs = policy.blockMinutes * 60_000;
  const fresh = !record || now.getTime() - record.windowStart.getTime() > windowMs;
  const failures = fresh ? 1 : record.failures + 1;
  const windowStart = fresh ? now : record.windowStart;
  const blockedUntil = failures >= policy.ipFailures ? new Date(now.getTime() + windowMs) : null;
  return { failures, windowStart, blockedUntil };
}

/** Whether a recipient copy is locked after this many wrong codes from all addresses together. */
export function lockedAfter(failedAttempts: number, policy: AttemptPolicy): boolean {
  return failedAttempts >= policy.messageFailures;
}

export type UnlockOutcome = 'unlock' | 'deny-and-count' | 'deny';

/**
 * The decision for one unlock attempt. A wrong code counts, whether or not the link exists, so
 * guessing links is as costly as guessing codes. A right code for a copy that can no longer be
 * opened is refused without counting. Every refusal looks the same to the caller.
 */
export function decideUnlock(input: {
  found: boolean;
  codeMatches: boolean;
  openable: boolean;
}): UnlockOutcome {
  if (!input.found || !input.codeMatches) return 'deny-and-count';
  return input.openable ? 'unlock' : 'deny';
}
