import { Injectable } from '@nestjs/common';
import { normaliseCeId } from '@zegel/shared';
import { KeyStore } from '../vault/key-store';
import { hashCeId, hashToken, newCeId, newPickupToken, sameDigest } from './secrets.util';

/** A fresh pickup link token and CE-ID, with the forms that are stored. */
export interface IssuedCode {
  token: string;
  ceId: string;
  tokenHash: string;
  ceIdHash: string;
}

/**
 * The pickup link tokens and CE-IDs: made here, stored only as hashes (the CE-ID as an HMAC under a
 * secret from the key directory, bound to the recipient), and compared in constant time.
 */
@Injectable()
export class CeIdSecrets {
  private pepper?: Buffer;

  constructor(private readonly keys: KeyStore) {}

  private key(): Buffer {
    this.pepper ??= this.keys.getOrCreateSecret('ceid-pepper');
    return this.pepper;
  }

  issue(recipientId: string): IssuedCode {
    const token = newPickupToken();
    const ceId = newCeId();
    return { token, ceId, tokenHash: hashToken(token), ceIdHash: this.ceIdHash(recipientId, ceId) };
  }

  tokenHash(token: string): string {
    return /^[A-Za-z0-9_-]{22,64}$/.test(token) ? hashToken(token) : hashToken('malformed');
  }

  ceIdHash(recipientId: string, ceId: string): string {
    return hashCeId(this.key(), recipientId, normaliseCeId(ceId)!);
  }

  /** Always computes the HMAC, found or not, so timing tells nothing about the link. */
  codeMatches(recipientId: string, normalised: string | null, stored: string | undefined): boolean {
    const candidate = hashCeId(this.key(), recipientId, normalised ?? 'invalid');
    return normalised !== null && stored !== undefined && sameDigest(candidate, stored);
  }
}
