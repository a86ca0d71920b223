import {
  classifyFailure,
  combineFailures,
  deliveryRetryDelayMs,
  enhancedStatus,
  type AttemptError,
  type FailureKind,
} from './delivery-error.util';

describe('classifyFailure', () => {
  it.each<[string, AttemptError, FailureKind]>([
    ['550 to RCPT TO', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'permanent'],
    ['552 after DATA', { code: 'EMESSAGE', responseCode: 552, command: 'DATA' }, 'permanent'],
    [
      '554 to MAIL FROM',
      { code: 'EENVELOPE', responseCode: 554, command: 'MAIL FROM' },
      'permanent',
    ],
    ['451 after DATA', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'temporary'],
    [
      '421 at the greeting',
      { code: 'ECONNECTION', responseCode: 421, command: 'CONN' },
      'temporary',
    ],
    [
      '554 at the greeting (another MX may do)',
      { code: 'EPROTOCOL', responseCode: 554, command: 'CONN' },
      'temporary',
    ],
    ['timeout', { code: 'ETIMEDOUT' }, 'temporary'],
    ['connection refused', { code: 'ESOCKET' }, 'temporary'],
    ['connection closed', { code: 'ECONNECTION' }, 'temporary'],
    ['STARTTLS refused (502)', { code: 'ETLS', responseCode: 502, command: 'STARTTLS' }, 'unsafe'],
    ['STARTTLS refused (454)', { code: 'ETLS', responseCode: 454, command: 'STARTTLS' }, 'unsafe'],
    ['handshake failed', { code: 'ETLS' }, 'unsafe'],
    ['certificate error code', { code: 'CERT_HAS_EXPIRED' }, 'unsafe'],
    ['self-signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'unsafe'],
    ['OpenSSL protocol error', { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL' }, 'unsafe'],
    ['session check failed', { unsafe: true, responseCode: 250 }, 'unsafe'],
    ['nothing known', {}, 'temporary'],
  ])('%s → %s', (_name, error, expected) => {
    expect(classifyFailure(error)).toBe(expected);
  });
});

describe('combineFailures', () => {
  it.each<[FailureKind[], FailureKind]>([
    [['permanent'], 'permanent'],
    [['unsafe', 'permanent'], 'permanent'],
    [['unsafe', 'temporary'], 'temporary'],
    [['unsafe', 'unsafe'], 'unsafe'],
    [['temporary'], 'temporary'],
    [[], 'temporary'],
  ])('%j → %s', (kinds, expected) => expect(combineFailures(kinds)).toBe(expected));
});

describe('deliveryRetryDelayMs', () => {
  it.each<[number, number, number]>([
    [1, 60_000, 60_000],
    [2, 60_000, 120_000],
    [5, 60_000, 960_000],
    [20, 60_000, 3_600_000],
    [3, 300, 1_200],
  ])('attempt %d with base %d → %d without jitter', (attempts, base, expected) => {
    expect(deliveryRetryDelayMs(attempts, base, () => 0.5)).toBe(expected);
  });

  it('jitters within ±20 %', () => {
    expect(deliveryRetryDelayMs(1, 1000, () => 0)).toBe(800);
    expect(deliveryRetryDelayMs(1, 1000, () => 1)).toBe(1200);
  });
});

describe('enhancedStatus', () => {
  it.each<[FailureKind, string | undefined, string]>([
    ['permanent', '550 5.1.1 <x@y.nl>: Recipient address rejected', '5.1.1'],
    ['permanent', '550 No such user here', '5.0.0'],
    ['temporary', '451 4.3.0 Try again later', '4.3.0'],
    ['temporary', undefined, '4.4.7'],
    ['unsafe', 'DANE: no TLSA record matches', '4.7.5'],
  ])('%s with %s → %s', (kind, reply, expected) =>
    expect(enhancedStatus(kind, reply)).toBe(expected),
  );
});
