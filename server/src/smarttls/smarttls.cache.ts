/**
 * A per-key cache where concurrent callers of one key share one load, and an entry lives until the
 * time the loaded value names. A failed load is remembered for `failureTtlMs` (a negative cache,
 * 0 = not at all), so a domain whose check fails is not probed again by every intake meanwhile.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<
    string,
    { value: T; expiresAt: number } | { error: unknown; expiresAt: number }
  >();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly expiresAt: (value: T) => number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
    private readonly failureTtlMs = 0,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) {
      if ('error' in entry) throw entry.error;
      return entry.value;
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const loading = load()
      .then(
        (value) => {
          this.store(key, { value, expiresAt: this.expiresAt(value) });
          return value;
        },
        (error: unknown) => {
          if (this.failureTtlMs > 0)
            this.store(key, { error, expiresAt: this.now() + this.failureTtlMs });
          throw error;
        },
      )
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  /** The value held for `key` if it is still fresh; never loads. */
  peek(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now() && 'value' in entry ? entry.value : undefined;
  }

  private store(
    key: string,
    entry: { value: T; expiresAt: number } | { error: unknown; expiresAt: number },
  ) {
    if (this.entries.size >= this.maxEntries) this.evictExpired();
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  private evictExpired() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
