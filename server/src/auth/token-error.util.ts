/**
 * Why jose refused a token, in words a caller can act on. `unavailable` means the fault is ours or
 * the identity provider's (keys cannot be fetched): the token may be fine, so it is not a 401.
 */
export interface TokenErrorVerdict {
  kind: 'invalid' | 'unavailable';
  reason: string;
}

const CLAIM_REASONS: Record<string, string> = {
  iss: 'it was issued by another issuer',
  aud: 'it is meant for another audience',
  nbf: 'it is not valid yet',
  iat: 'its issue time is not acceptable',
  exp: 'it has expired',
  sub: 'its subject is not acceptable',
};

export function describeTokenError(error: unknown): TokenErrorVerdict {
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return { kind: 'invalid', reason: 'The access token has expired.' };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const why =
        (typeof claim === 'string' && CLAIM_REASONS[claim]) || 'a claim is not acceptable';
      return { kind: 'invalid', reason: `The access token is refused: ${why}.` };
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return {
        kind: 'invalid',
        reason:
          'The access token is refused: it is not signed with an accepted asymmetric algorithm.',
      };
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return {
        kind: 'invalid',
        reason: "The access token is refused: it is not signed by a key of the issuer's key set.",
      };
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return {
        kind: 'invalid',
        reason: 'The access token is refused: its signature is not valid.',
      };
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return { kind: 'invalid', reason: 'The access token is not a well-formed signed JWT.' };
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return { kind: 'unavailable', reason: "The identity provider's keys cannot be fetched." };
    default:
      // Anything else (network errors, a bad key in the set) is not the caller's fault; refuse
      // without blaming the token.
      return { kind: 'unavailable', reason: "The identity provider's keys cannot be fetched." };
  }
}
