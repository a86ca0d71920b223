import type { EntityManager } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Pending {
  /** A transaction body, or work that must run alone outside any transaction. */
  kind: 'transaction' | 'alone';
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most transactions in one commit: bounds how long the first of them waits for its answer. */
const MAX_BATCH = 64;

/**
 * Group commit for SQLite's one connection: the transactions that queue while one commit is under
 * way run together as savepoints of one transaction, so they share one commit and one fsync.
 * Each keeps its own all-or-nothing (a failing one rolls back to its savepoint and fails alone), and
 * each promise settles only after the commit that made it durable. Own code because the batching
 * has to sit between TypeORM's shared query runner and the callers; no library does that.
 *
 * If the shared commit itself fails, every transaction of the batch runs again on its own, so one
 * transaction's failure never fails the others; a transaction body already must be safe to run
 * again (PostgreSQL reruns deadlock victims the same way).
 */
export class GroupCommit {
  private readonly pending: Pending[] = [];
  private running = false;

  constructor(
    /** Runs `work` in one transaction of its own (TypeORM's DataSource.transaction). */
    private readonly transaction: <T>(work: Work<T>) => Promise<T>,
    /** Runs work outside a transaction. */
    private readonly alone: <T>(work: () => Promise<T>) => Promise<T>,
    /**
     * Resolves once the commits made so far are on disk (the log's fsync, WalFlush), when the
     * commit itself does not wait for that. Callers are answered only after it; meanwhile the next
     * batch already runs, so the fsync of one batch overlaps the work of the next.
     */
    private readonly durable: () => Promise<void> = () => Promise.resolve(),
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return this.enqueue('transaction', work);
  }

  runAlone<T>(work: () => Promise<T>): Promise<T> {
    return this.enqueue('alone', work);
  }

  private enqueue<T>(kind: Pending['kind'], work: Work<unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ kind, work, resolve: resolve as (v: unknown) => void, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Lets the requests that arrived in the same turn of the event loop join the first batch.
      await new Promise((r) => setImmediate(r));
      while (this.pending.length) {
        const head = this.pending[0];
        if (head.kind === 'alone') {
          this.pending.shift();
          await this.alone(() => head.work(undefined as never)).then(head.resolve, head.reject);
          continue;
        }
        let n = 0;
        while (n < this.pending.length && n < MAX_BATCH && this.pending[n].kind === 'transaction')
          n++;
        await this.commitBatch(this.pending.splice(0, n));
      }
    } finally {
      this.running = false;
    }
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) {
      this.settleWhenDurable(batch, [await this.outcome(() => this.transaction(batch[0].work))]);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await this.transaction(async (outer) => {
        for (const item of batch) {
          // A nested TypeORM transaction is a savepoint: released on success, rolled back to on failure.
          outcomes.push(await this.outcome(() => outer.transaction(item.work)));
        }
      });
    } catch {
      // The shared commit failed, so nothing of the batch is stored: each runs again alone.
      for (const item of batch)
        this.settleWhenDurable([item], [await this.outcome(() => this.transaction(item.work))]);
      return;
    }
    this.settleWhenDurable(batch, outcomes);
  }

  private outcome(run: () => Promise<unknown>): Promise<Outcome> {
    return run().then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    );
  }

  /** Answers each transaction of a committed batch once its commit is on disk; failures at once. */
  private settleWhenDurable(batch: Pending[], outcomes: Outcome[]): void {
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (!outcome.ok) item.reject(outcome.error);
    });
    if (!outcomes.some((o) => o.ok)) return;
    this.durable().then(
      () =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i];
          if (outcome.ok) item.resolve(outcome.value);
        }),
      // Committed but not known to be on disk: never answered as stored.
      (error: unknown) => batch.forEach((item, i) => outcomes[i].ok && item.reject(error)),
    );
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
