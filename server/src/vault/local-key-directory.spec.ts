import { newKekId } from './local-key-directory';

describe('newKekId', () => {
  it('sorts by creation time, and after a given id even within the same second', () => {
    const now = 1_800_000_000_000;
    const first = newKekId(now);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    for (let i = 0; i < 50; i++) expect(newKekId(now, first) > first).toBe(true);
    expect(newKekId(now + 5000) > first).toBe(true);
  });
});
