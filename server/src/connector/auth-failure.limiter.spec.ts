import { memoryAuthFailureLimiter } from './auth-failure.limiter';

describe('memoryAuthFailureLimiter', () => {
  it('locks a key at the configured failure and keeps other keys apart', async () => {
    const limiter = memoryAuthFailureLimiter(3, 60);
    expect(await limiter.recordFailure('a')).toEqual({ failures: 1, lockedForSeconds: 0 });
    expect(await limiter.recordFailure('a')).toEqual({ failures: 2, lockedForSeconds: 0 });
    expect(await limiter.lockedFor('a')).toBe(0);
    const third = await limiter.recordFailure('a');
    expect(third.failures).toBe(3);
    expect(third.lockedForSeconds).toBeGreaterThan(55);
    expect(await limiter.lockedFor('a')).toBeGreaterThan(55);
    expect(await limiter.lockedFor('b')).toBe(0);
  });

  it('locks at once with a limit of one', async () => {
    const limiter = memoryAuthFailureLimiter(1, 60);
    expect((await limiter.recordFailure('a')).lockedForSeconds).toBeGreaterThan(0);
    expect(await limiter.lockedFor('a')).toBeGreaterThan(0);
  });

  it('unlocks when the lock time has passed', async () => {
    const limiter = memoryAuthFailureLimiter(1, 1);
    await limiter.recordFailure('a');
    expect(await limiter.lockedFor('a')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await limiter.lockedFor('a')).toBe(0);
  });
});
