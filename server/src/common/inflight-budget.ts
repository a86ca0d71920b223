/**
 * A process-wide budget of request-body bytes that parsers may hold in memory at once. Each request
 * reserves what its parser may buffer before a byte is read; when the budget is spent the request
 * is refused (503) instead of queued, so a burst of bodies cannot grow the heap without bound.
 */
export class InFlightBudget {
  private used = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /** A reservation of `bytes`, or undefined when they do not fit. Release it exactly once. */
  reserve(bytes: number): BudgetReservation | undefined {
    if (bytes > 0 && this.used + bytes > this.capacity) return undefined;
    this.used += bytes;
    let held = bytes;
    return {
      release: () => {
        this.used -= held;
        held = 0;
      },
    };
  }
}

export interface BudgetReservation {
  /** Gives the bytes back; later calls do nothing. */
  release(): void;
}
