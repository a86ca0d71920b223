/**
 * A per-key cache where concurrent callers of one key share one load, and an entry lives until the
 * time the loaded value names. Failed loads are not cached.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly expiresAt: (value: T) => number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > this.now()) return entry.value;
    const running = this.inFlight.get(key);
    if (running) return running;
    const loading = load()
      .then((value) => {
        if (this.entries.size >= this.maxEntries) this.evictExpired();
        if (this.entries.size >= this.maxEntries)
          this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, expiresAt: this.expiresAt(value) });
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  private evictExpired() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
