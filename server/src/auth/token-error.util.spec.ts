import { describeTokenError } from './token-error.util';

describe('describeTokenError', () => {
  it.each([
    [{ code: 'ERR_JWT_EXPIRED', claim: 'exp' }, 'invalid', /expired/],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' }, 'invalid', /another issuer/],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' }, 'invalid', /another audience/],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' }, 'invalid', /not valid yet/],
    [{ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'x' }, 'invalid', /a claim/],
    [{ code: 'ERR_JOSE_ALG_NOT_ALLOWED' }, 'invalid', /asymmetric/],
    [{ code: 'ERR_JWKS_NO_MATCHING_KEY' }, 'invalid', /key set/],
    [{ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' }, 'invalid', /signature/],
    [{ code: 'ERR_JWS_INVALID' }, 'invalid', /well-formed/],
    [{ code: 'ERR_JWKS_TIMEOUT' }, 'unavailable', /cannot be fetched/],
    [new Error('ECONNREFUSED'), 'unavailable', /cannot be fetched/],
    [undefined, 'unavailable', /cannot be fetched/],
  ])('%j → %s', (error, kind, reason) => {
    const verdict = describeTokenError(error);
    expect(verdict.kind).toBe(kind);
    expect(verdict.reason).toMatch(reason);
  });
});
