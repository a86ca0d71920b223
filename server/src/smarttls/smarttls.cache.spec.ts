import { SingleFlightCache } from './smarttls.cache';

describe('SingleFlightCache', () => {
  it('shares one load between concurrent callers and reuses it until it expires', async () => {
    let clock = 1000;
    let loads = 0;
    const cache = new SingleFlightCache<{ n: number; until: number }>(
      (v) => v.until,
      () => clock,
    );
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { n: loads, until: clock + 100 };
    };
    const [a, b] = await Promise.all([cache.get('x', load), cache.get('x', load)]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    clock += 50;
    expect((await cache.get('x', load)).n).toBe(1);
    clock += 60;
    expect((await cache.get('x', load)).n).toBe(2);
    expect((await cache.get('y', load)).n).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new SingleFlightCache<number>(() => Number.MAX_SAFE_INTEGER);
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(cache.get('x', async () => 7)).resolves.toBe(7);
  });

  it('remembers a failed load for the negative-cache time, then loads again', async () => {
    let clock = 1000;
    const cache = new SingleFlightCache<number>(
      () => Number.MAX_SAFE_INTEGER,
      () => clock,
      10,
      30,
    );
    const fail = jest.fn(() => Promise.reject(new Error('dns down')));
    await expect(cache.get('x', fail)).rejects.toThrow('dns down');
    await expect(cache.get('x', async () => 7)).rejects.toThrow('dns down');
    expect(fail).toHaveBeenCalledTimes(1);
    clock += 31;
    await expect(cache.get('x', async () => 7)).resolves.toBe(7);
  });
});
