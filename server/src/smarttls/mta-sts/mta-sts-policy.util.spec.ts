import { mxPatternMatches, parseStsPolicy, parseStsTxt } from './mta-sts-policy.util';

describe('MTA-STS TXT discovery', () => {
  it.each([
    [['v=STSv1; id=20240101'], { id: '20240101' }],
    [['v=spf1 -all', 'v=STSv1;id=abc'], { id: 'abc' }],
    [['v=spf1 -all'], null],
    [[], null],
    [['v=STSv1; id=1', 'v=STSv1; id=2'], { problem: expect.stringContaining('exactly one') }],
    [['v=STSv1; id=not-valid!'], { problem: expect.stringContaining('no valid id') }],
    [['v=STSv1;'], { problem: expect.stringContaining('no valid id') }],
  ])('%j → %j', (records, expected) => {
    expect(parseStsTxt(records)).toEqual(expected);
  });
});

describe('MTA-STS policy', () => {
  it('parses a policy with CRLF lines and several mx patterns', () => {
    const text =
      'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.Example.NET\r\nmax_age: 86400\r\n';
    expect(parseStsPolicy(text)).toEqual({
      version: 'STSv1',
      mode: 'enforce',
      mx: ['mx1.example.com', '*.example.net'],
      maxAge: 86400,
    });
  });

  it.each([
    ['version: STSv2\nmode: enforce\nmx: a\nmax_age: 1', 'version'],
    ['version: STSv1\nmode: strict\nmx: a\nmax_age: 1', 'mode'],
    ['version: STSv1\nmode: enforce\nmx: a\nmax_age: 31557601', 'max_age'],
    ['version: STSv1\nmode: enforce\nmx: a\nmax_age: -1', 'max_age'],
    ['version: STSv1\nmode: enforce\nmax_age: 10', 'no mx'],
    ['<html>not a policy</html>', 'key: value'],
  ])('rejects %j (%s)', (text, problem) => {
    expect(parseStsPolicy(text)).toEqual({ problem: expect.stringContaining(problem) });
  });

  it('accepts mode none without mx', () => {
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 0')).toMatchObject({
      mode: 'none',
      mx: [],
    });
  });

  it.each([
    ['mx.example.com', 'mx.example.com', true],
    ['mx.example.com', 'MX.Example.com.', true],
    ['*.example.com', 'mx.example.com', true],
    ['*.example.com', 'a.mx.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['mx.example.com', 'mx2.example.com', false],
  ])('pattern %s vs %s → %s', (pattern, host, expected) => {
    expect(mxPatternMatches(pattern, host)).toBe(expected);
  });
});
