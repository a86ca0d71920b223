import { dnssecStatus, normalizeDomain } from './dns-status.util';

describe('DNSSEC status of an answer', () => {
  it.each([
    ['NOERROR', true, undefined, 'secure'],
    ['NXDOMAIN', true, undefined, 'secure'],
    ['NOERROR', false, undefined, 'insecure'],
    ['NXDOMAIN', false, undefined, 'insecure'],
    ['SERVFAIL', false, 6, 'bogus'],
    ['SERVFAIL', false, 7, 'bogus'],
    ['SERVFAIL', false, 12, 'bogus'],
    ['SERVFAIL', false, 22, 'error'],
    ['SERVFAIL', false, undefined, 'error'],
    ['REFUSED', false, undefined, 'error'],
  ] as const)('%s AD=%s EDE=%s → %s', (rcode, ad, ede, expected) => {
    expect(dnssecStatus(rcode, ad, ede)).toBe(expected);
  });
});

describe('domain names', () => {
  it.each([
    ['Example.NL', 'example.nl'],
    ['mail.example.nl.', 'mail.example.nl'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['Bücher.example', 'xn--bcher-kva.example'],
    ['bü cher.example', null],
    ['localhost', null],
    ['-bad.example', null],
    ['bad-.example', null],
    ['a..example', null],
    ['exa mple.nl', null],
    ['127.0.0.1', null],
    ['example.nl/../x', null],
    [`${'a'.repeat(64)}.nl`, null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });
});
