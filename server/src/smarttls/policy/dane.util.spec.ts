import { X509Certificate } from 'node:crypto';
import { associationData, daneState, isUsableTlsa, matchTlsa, rolloverScheme } from './dane.util';
import { INT_PEM, LEAF_PEM, OLD_PEM, ROOT_PEM } from '../probe/certificate.fixtures';
import type { TlsaRecord } from '../smarttls.types';

const leaf = new X509Certificate(LEAF_PEM);
const int = new X509Certificate(INT_PEM);
const root = new X509Certificate(ROOT_PEM);
const old = new X509Certificate(OLD_PEM);
const now = new Date('2030-01-01T00:00:00Z');
const tlsa = (
  usage: number,
  selector: number,
  matchingType: number,
  cert: X509Certificate,
): TlsaRecord => ({
  usage,
  selector,
  matchingType,
  data: associationData(cert, selector, matchingType),
});

describe('DANE decision table (RFC 7672 section 2.2)', () => {
  const usable = [tlsa(3, 1, 1, leaf)];
  it.each([
    ['host not secure', false, { dnssec: 'secure', records: usable }, 'not-applicable'],
    ['no lookup done', true, null, 'not-applicable'],
    ['bogus TLSA', true, { dnssec: 'bogus', records: [] }, 'lookup-failed'],
    ['SERVFAIL or timeout', true, { dnssec: 'error', records: [] }, 'lookup-failed'],
    ['secure denial', true, { dnssec: 'secure', records: [] }, 'none'],
    ['insecure TLSA RRset', true, { dnssec: 'insecure', records: usable }, 'none'],
    [
      'only PKIX-EE records',
      true,
      { dnssec: 'secure', records: [{ ...usable[0], usage: 1 }] },
      'unusable',
    ],
    ['a usable record', true, { dnssec: 'secure', records: usable }, 'usable'],
  ] as const)('%s → %s', (_name, hostSecure, lookup, expected) => {
    expect(daneState(hostSecure, lookup as never)).toBe(expected);
  });

  it.each([
    [{ usage: 3, selector: 1, matchingType: 1 }, true],
    [{ usage: 2, selector: 0, matchingType: 2 }, true],
    [{ usage: 3, selector: 0, matchingType: 0 }, true],
    [{ usage: 0, selector: 1, matchingType: 1 }, false],
    [{ usage: 1, selector: 1, matchingType: 1 }, false],
    [{ usage: 3, selector: 2, matchingType: 1 }, false],
    [{ usage: 3, selector: 1, matchingType: 3 }, false],
  ])('usable %o: %s', (fields, expected) => {
    expect(isUsableTlsa({ ...fields, data: '00' })).toBe(expected);
  });
});

describe('TLSA matching', () => {
  const chain = [leaf, int];
  it.each([
    ['DANE-EE SPKI SHA-256', [tlsa(3, 1, 1, leaf)], 'mx.example.test', now, true],
    ['DANE-EE cert SHA-512', [tlsa(3, 0, 2, leaf)], 'mx.example.test', now, true],
    ['DANE-EE full cert', [tlsa(3, 0, 0, leaf)], 'mx.example.test', now, true],
    ['DANE-EE ignores the name', [tlsa(3, 1, 1, leaf)], 'other.test', now, true],
    [
      'DANE-EE ignores expiry',
      [tlsa(3, 1, 1, leaf)],
      'mx.example.test',
      new Date('2300-01-01'),
      true,
    ],
    ['DANE-EE of another key', [tlsa(3, 1, 1, old)], 'mx.example.test', now, false],
    ['DANE-TA on the intermediate', [tlsa(2, 0, 1, int)], 'mx.example.test', now, true],
    ['DANE-TA checks the name', [tlsa(2, 0, 1, int)], 'other.test', now, false],
    [
      'DANE-TA checks expiry',
      [tlsa(2, 0, 1, int)],
      'mx.example.test',
      new Date('2300-01-01'),
      false,
    ],
    ['DANE-TA on a root that was not sent', [tlsa(2, 0, 1, root)], 'mx.example.test', now, false],
    [
      'PKIX-EE is not usable',
      [{ ...tlsa(3, 1, 1, leaf), usage: 1 }],
      'mx.example.test',
      now,
      false,
    ],
  ])('%s', (_name, records, host, when, expected) => {
    expect(matchTlsa(records, chain, host, when).matched).toBe(expected);
  });

  it('DANE-TA needs the anchor to sign the chain', () => {
    const result = matchTlsa([tlsa(2, 0, 1, old)], [leaf, old], 'mx.example.test', now);
    expect(result).toMatchObject({
      matched: false,
      problem: expect.stringContaining('does not sign'),
    });
  });
});

describe('DANE rollover scheme', () => {
  const r = (usage: number, data: string) => ({ usage, selector: 1, matchingType: 1, data });
  it.each([
    [[], null],
    [[r(1, 'aa')], null],
    [[r(3, 'aa')], 'none'],
    [[r(3, 'aa'), r(3, 'aa')], 'none'],
    [[r(3, 'aa'), r(3, 'bb')], 'current-next'],
    [[r(2, 'aa'), r(2, 'bb')], 'current-next'],
    [[r(3, 'aa'), r(2, 'bb')], 'ee-and-ta'],
    [[r(3, 'aa'), r(1, 'bb')], 'none'],
  ])('%j → %s', (records, scheme) => {
    expect(rolloverScheme(records)).toBe(scheme);
  });
});
