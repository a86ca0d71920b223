import { InFlightBudget } from './inflight-budget';

describe('InFlightBudget', () => {
  it('grants reservations while they fit and refuses the one that does not', () => {
    const budget = new InFlightBudget(100);
    const a = budget.reserve(60);
    expect(a).toBeDefined();
    expect(budget.reserve(41)).toBeUndefined();
    const b = budget.reserve(40);
    expect(b).toBeDefined();
    expect(budget.inUse).toBe(100);
    a!.release();
    expect(budget.inUse).toBe(40);
  });

  it('releases a reservation only once', () => {
    const budget = new InFlightBudget(10);
    const a = budget.reserve(10)!;
    a.release();
    a.release();
    expect(budget.inUse).toBe(0);
    expect(budget.reserve(10)).toBeDefined();
  });

  it('always admits an empty body', () => {
    const budget = new InFlightBudget(1);
    budget.reserve(1);
    expect(budget.reserve(0)).toBeDefined();
  });
});
