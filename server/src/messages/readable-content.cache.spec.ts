import { type ReadableContent, ReadableContentCache } from './readable-content.cache';

const content = (subject: string): ReadableContent => ({
  subject,
  html: '<p>x</p>',
  remoteImages: 0,
  text: null,
  body: {},
  attachments: [],
});

/** A decryption that finishes only when `release` is called, so a test can act while it runs. */
function heldLoad(subject: string) {
  let release!: () => void;
  const load = jest.fn(async () => {
    await new Promise<void>((r) => (release = r));
    return content(subject);
  });
  return { load, release: () => release() };
}

const started = () => new Promise((r) => setImmediate(r));

describe('ReadableContentCache', () => {
  it('decrypts once per copy and serves the next reads from memory', async () => {
    const cache = new ReadableContentCache();
    const load = jest.fn(async () => content('a'));
    await cache.get('copy-1', 'm1', load);
    expect((await cache.get('copy-1', 'm1', load)).subject).toBe('a');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets every copy of a message whose content is destroyed', async () => {
    const cache = new ReadableContentCache();
    await cache.get('copy-1', 'm1', async () => content('a'));
    await cache.get('copy-2', 'm1', async () => content('a'));
    await cache.get('copy-3', 'm2', async () => content('b'));
    cache.evictMessage('m1');
    const load = jest.fn(async () => content('again'));
    await cache.get('copy-1', 'm1', load);
    await cache.get('copy-2', 'm1', load);
    await cache.get('copy-3', 'm2', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a read that was under way while the content was destroyed', async () => {
    const cache = new ReadableContentCache();
    const held = heldLoad('stale');
    const slow = cache.get('copy-1', 'm1', held.load);
    await started();
    cache.evictMessage('m1');
    held.release();
    expect((await slow).subject).toBe('stale');
    const load = jest.fn(async () => content('fresh'));
    expect((await cache.get('copy-1', 'm1', load)).subject).toBe('fresh');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never answers one message with another message cached under the same copy', async () => {
    const cache = new ReadableContentCache();
    await cache.get('copy-1', 'm1', async () => content('a'));
    expect((await cache.get('copy-1', 'm2', async () => content('b'))).subject).toBe('b');
  });

  it('lets reads that miss at once wait for one decryption', async () => {
    const cache = new ReadableContentCache();
    const held = heldLoad('a');
    const reads = [1, 2, 3].map(() => cache.get('copy-1', 'm1', held.load));
    await started();
    held.release();
    expect((await Promise.all(reads)).map((c) => c.subject)).toEqual(['a', 'a', 'a']);
    expect(held.load).toHaveBeenCalledTimes(1);
  });

  it('does not let a read that starts after an eviction join a decryption from before it', async () => {
    const cache = new ReadableContentCache();
    const held = heldLoad('stale');
    const slow = cache.get('copy-1', 'm1', held.load);
    await started();
    cache.evictCopy('copy-1');
    const fresh = cache.get('copy-1', 'm1', async () => content('fresh'));
    held.release();
    expect((await slow).subject).toBe('stale');
    expect((await fresh).subject).toBe('fresh');
  });

  it('lets every waiting read fail with a decryption that failed, and tries again after', async () => {
    const cache = new ReadableContentCache();
    const failing = jest.fn(async () => {
      await new Promise((r) => setImmediate(r));
      throw new Error('vault unavailable');
    });
    const reads = [1, 2].map(() => cache.get('copy-1', 'm1', failing));
    for (const read of reads) await expect(read).rejects.toThrow('vault unavailable');
    expect(failing).toHaveBeenCalledTimes(1);
    expect((await cache.get('copy-1', 'm1', async () => content('b'))).subject).toBe('b');
  });
});
