import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateCeId } from '@zegel/shared';

/** A pickup link token: 128 random bits, URL-safe. Only its SHA-256 is stored. */
export const newPickupToken = (): string => randomBytes(16).toString('base64url');

/** Every pickup request hashes its link token and session: one-shot `hash`, no Hash object. */
export const hashToken = (token: string): string => hash('sha256', token, 'hex');

export const newCeId = (): string => generateCeId((n) => randomBytes(n));

/**
 * The stored form of a CE-ID: HMAC-SHA-256 under a secret from the key directory, bound to the
 * recipient. A copy of the database alone is not enough to try codes offline.
 */
export function hashCeId(pepper: Buffer, recipientId: string, normalisedCeId: string): string {
  return createHmac('sha256', pepper).update(`${recipientId}:${normalisedCeId}`).digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
