import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Counts failed SMTP AUTH attempts per client key and locks a key out for a while once it has too
 * many. Behind this small interface so a shared store (rate-limiter-flexible's Redis or database
 * limiters) can replace the in-memory one when several processes take SMTP.
 */
export abstract class AuthFailureLimiter {
  /** Seconds the key stays locked, 0 when it is not. */
  abstract lockedFor(key: string): Promise<number>;
  /** Records one failure: the failures now counted, and the seconds locked (0 when not locked). */
  abstract recordFailure(key: string): Promise<{ failures: number; lockedForSeconds: number }>;
}

/** rate-limiter-flexible over any of its stores: at most `maxFailures` per window, then blocked. */
export class RateLimiterAuthFailureLimiter extends AuthFailureLimiter {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly maxFailures: number,
  ) {
    super();
  }

  async lockedFor(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    return res && res.consumedPoints >= this.maxFailures ? seconds(res) : 0;
  }

  async recordFailure(key: string): Promise<{ failures: number; lockedForSeconds: number }> {
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(key);
    } catch (rejected) {
      if (!(rejected instanceof RateLimiterRes)) throw rejected;
      res = rejected;
    }
    const failures = res.consumedPoints;
    return { failures, lockedForSeconds: failures >= this.maxFailures ? seconds(res) : 0 };
  }
}

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * The embedded default: counters in this process's memory. The key is blocked for `lockSeconds`
 * from the failure that reaches `maxFailures`; failures expire only with time, never on a success.
 */
export function memoryAuthFailureLimiter(
  maxFailures: number,
  lockSeconds: number,
): AuthFailureLimiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: 'smtp-auth',
    // consume() rejects (and blocks) once more than `points` are used: the maxFailures-th failure.
    points: maxFailures - 1,
    duration: lockSeconds,
    blockDuration: lockSeconds,
  });
  return new RateLimiterAuthFailureLimiter(limiter, maxFailures);
}
