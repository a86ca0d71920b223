import { randomBytes } from 'node:crypto';
import { open, seal } from './seal.util';
import { VaultIntegrityError } from './vault.errors';

const dek = randomBytes(32);

describe('seal / open', () => {
  it.each([
    ['a string', 'Vertrouwelijk: jaarcijfers €'],
    ['an empty string', ''],
    ['a Buffer', randomBytes(300)],
  ])('round-trips %s', (_name, value) => {
    const sealed = seal(dek, value, 'm1/subject');
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(open(dek, sealed, 'm1/subject').equals(Buffer.from(value))).toBe(true);
  });

  it('never returns the plaintext and differs every time', () => {
    const a = seal(dek, 'hello world', 'm1/subject');
    const b = seal(dek, 'hello world', 'm1/subject');
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url').includes('hello')).toBe(false);
  });

  describe('fails with VaultIntegrityError on', () => {
    const sealed = seal(dek, 'subject line', 'm1/subject');
    const bytes = Buffer.from(sealed, 'base64url');
    const flipped = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] ^= 1;
      return copy.toString('base64url');
    };
    it.each([
      ['a flipped version byte', () => open(dek, flipped(0), 'm1/subject')],
      ['a flipped IV byte', () => open(dek, flipped(3), 'm1/subject')],
      ['a flipped ciphertext byte', () => open(dek, flipped(14), 'm1/subject')],
      ['a flipped tag byte', () => open(dek, flipped(bytes.length - 1), 'm1/subject')],
      ['truncation', () => open(dek, bytes.subarray(0, 20).toString('base64url'), 'm1/subject')],
      ['another context', () => open(dek, sealed, 'm2/subject')],
      ['another key', () => open(randomBytes(32), sealed, 'm1/subject')],
      ['non-base64url input', () => open(dek, 'not base64!', 'm1/subject')],
    ])('%s', (_name, attempt) => {
      expect(attempt).toThrow(VaultIntegrityError);
    });
  });

  it('refuses a malformed key or context', () => {
    expect(() => seal(randomBytes(31), 'x', 'c')).toThrow(/32 bytes/);
    expect(() => seal(dek, 'x', '')).toThrow(/context/);
    expect(() => open(dek, seal(dek, 'x', 'c'), '')).toThrow(/context/);
  });
});
