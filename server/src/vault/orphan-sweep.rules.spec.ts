import { decideOrphan, needsReferenceCheck } from './orphan-sweep.rules';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;

describe('decideOrphan', () => {
  it.each([
    ['a fresh blob that nothing refers to (upload in progress)', 'blob', NOW - 1000, false, 'keep'],
    ['a fresh temporary file', 'temp', NOW - 1000, undefined, 'keep'],
    ['a blob written just under the minimum age', 'blob', NOW - 6 * HOUR + 1, false, 'keep'],
    ['an old referenced blob', 'blob', NOW - 7 * HOUR, true, 'keep'],
    ['an old blob nothing refers to', 'blob', NOW - 7 * HOUR, false, 'delete-blob'],
    [
      'a blob exactly at the minimum age, unreferenced',
      'blob',
      NOW - 6 * HOUR,
      false,
      'delete-blob',
    ],
    ['an old temporary file', 'temp', NOW - 7 * HOUR, undefined, 'remove-temp'],
    ['a blob from the future (clock skew)', 'blob', NOW + HOUR, false, 'keep'],
  ] as const)('%s: %s', (_name, kind, modifiedMs, referenced, expected) => {
    expect(decideOrphan({ kind, modifiedMs }, NOW, 6 * HOUR, referenced)).toBe(expected);
  });

  it('refuses to decide on an old blob without its reference status', () => {
    expect(() => decideOrphan({ kind: 'blob', modifiedMs: 0 }, NOW, HOUR, undefined)).toThrow();
  });

  it('asks the database only about old blobs', () => {
    expect(needsReferenceCheck({ kind: 'blob', modifiedMs: 0 }, NOW, HOUR)).toBe(true);
    expect(needsReferenceCheck({ kind: 'blob', modifiedMs: NOW }, NOW, HOUR)).toBe(false);
    expect(needsReferenceCheck({ kind: 'temp', modifiedMs: 0 }, NOW, HOUR)).toBe(false);
  });
});
