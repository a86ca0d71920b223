import {
  CE_ID_ALPHABET,
  CE_ID_ENTROPY_BITS,
  formatCeId,
  generateCeId,
  normaliseCeId,
} from './ce-id';
import { randomBytes } from 'node:crypto';

describe('CE-ID', () => {
  it('carries at least 32 bits of entropy', () => {
    expect(CE_ID_ENTROPY_BITS).toBeGreaterThanOrEqual(32);
  });

  it('leaves out look-alike characters', () => {
    for (const ch of ['0', 'O', '1', 'I', 'L']) expect(CE_ID_ALPHABET).not.toContain(ch);
    expect(new Set(CE_ID_ALPHABET).size).toBe(CE_ID_ALPHABET.length);
  });

  it('is printed in groups of three for reading out', () => {
    const id = generateCeId((n) => randomBytes(n));
    expect(id).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(normaliseCeId(id)).toBe(id.replace(/-/g, ''));
  });

  it('uses every symbol about equally often (rejection sampling, no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const ch of generateCeId((n) => randomBytes(n)).replace(/-/g, '')) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
    }
    const expected = (4000 * 9) / CE_ID_ALPHABET.length;
    expect(counts.size).toBe(CE_ID_ALPHABET.length);
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('skips bytes that would bias the draw', () => {
    // 248 is the first byte past the largest multiple of 31: it must be skipped, not folded.
    const bytes = [248, 249, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8];
    const id = generateCeId((n) => Uint8Array.from(bytes.slice(0, n)));
    expect(id).toBe(formatCeId(CE_ID_ALPHABET.slice(0, 9)));
  });

  it.each([
    ['abc-def-ghj', 'ABCDEFGHJ'],
    [' ABC DEF GHJ ', 'ABCDEFGHJ'],
    ['abcdefghj', 'ABCDEFGHJ'],
  ])('normalises %p', (input, expected) => {
    expect(normaliseCeId(input)).toBe(expected);
  });

  it.each(['', 'ABC-DEF', 'ABC-DEF-GHJK', 'ABC-DEF-GH0', 'ABC-DEF-GHI', '<script>'])(
    'refuses %p without a look-up',
    (input) => {
      expect(normaliseCeId(input)).toBeNull();
    },
  );
});
