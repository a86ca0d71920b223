/**
 * The CE-ID: a one-time code the recipient types on the pickup page. Its alphabet leaves out
 * characters that look or sound alike (0/O, 1/I/L), and it is printed in groups of three so it can be
 * read out over the phone. Nine symbols from 31 give 44.6 bits of entropy (the floor is 32).
 */
export const CE_ID_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CE_ID_LENGTH = 9;
export const CE_ID_GROUP = 3;

export const CE_ID_ENTROPY_BITS = CE_ID_LENGTH * Math.log2(CE_ID_ALPHABET.length);

/**
 * Builds a CE-ID from random bytes by rejection sampling, so every symbol is equally likely.
 * `randomBytes` must return cryptographically secure bytes (the server passes crypto.randomBytes).
 */
export function generateCeId(randomBytes: (size: number) => Uint8Array): string {
  const symbols: string[] = [];
  const alphabetSize = CE_ID_ALPHABET.length;
  const limit = 256 - (256 % alphabetSize);
  while (symbols.length < CE_ID_LENGTH) {
    for (const byte of randomBytes(CE_ID_LENGTH * 2)) {
      if (byte < limit && symbols.length < CE_ID_LENGTH)
        symbols.push(CE_ID_ALPHABET[byte % alphabetSize]);
    }
  }
  return formatCeId(symbols.join(''));
}

/** Groups a normalised CE-ID for display: `ABC-DEF-GHJ`. */
export function formatCeId(normalised: string): string {
  const groups: string[] = [];
  for (let i = 0; i < normalised.length; i += CE_ID_GROUP)
    groups.push(normalised.slice(i, i + CE_ID_GROUP));
  return groups.join('-');
}

/**
 * What a person typed, reduced to the canonical symbols: case, spaces and dashes do not matter.
 * Returns null when it cannot be a CE-ID (wrong length or a symbol outside the alphabet), so the
 * caller can answer without a database look-up; the answer to the user stays the same as for a
 * wrong code.
 */
export function normaliseCeId(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (cleaned.length !== CE_ID_LENGTH) return null;
  for (const ch of cleaned) if (!CE_ID_ALPHABET.includes(ch)) return null;
  return cleaned;
}
