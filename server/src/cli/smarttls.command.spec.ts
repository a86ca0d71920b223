import {
  parseCheckArguments,
  parseScanArguments,
  parseSelfArguments,
  runSmartTlsCommand,
} from './smarttls.command';

describe('zegel smarttls arguments', () => {
  it('parses a full command line', () => {
    expect(
      parseCheckArguments([
        'check',
        'Example.NL',
        '--json',
        '--resolver',
        '127.0.0.1:5353',
        '--ca',
        'ca.pem',
        '--policy',
        'pkix',
        '--smtp-port',
        '2525',
      ]),
    ).toEqual({
      domain: 'example.nl',
      json: true,
      resolver: { host: '127.0.0.1', port: 5353 },
      caFile: 'ca.pem',
      policy: 'pkix',
      smtpPort: 2525,
    });
  });

  it.each([
    [[], 'missing subcommand'],
    [['grade', 'example.nl'], 'unknown subcommand'],
    [['check'], 'missing the domain'],
    [['check', 'not a domain'], 'is not a domain name'],
    [['check', 'a.nl', 'b.nl'], 'only one domain'],
    [['check', 'a.nl', '--resolver', 'nohost'], '--resolver needs host:port'],
    [['check', 'a.nl', '--resolver'], '--resolver needs host:port'],
    [['check', 'a.nl', '--resolver', '1.2.3.4:70000'], '--resolver needs host:port'],
    [['check', 'a.nl', '--policy', 'strict'], '--policy must be one of'],
    [['check', 'a.nl', '--ca'], '--ca needs a file'],
    [['check', 'a.nl', '--smtp-port', 'x'], '--smtp-port needs a port'],
    [['check', 'a.nl', '--verbose'], 'unknown option --verbose'],
  ])('%j → %s', (args, problem) => {
    expect(parseCheckArguments(args)).toEqual({ problem: expect.stringContaining(problem) });
  });

  it('exits 64 with the problem on stderr for bad arguments', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await expect(runSmartTlsCommand(['check', '--policy', 'weak'])).resolves.toBe(64);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain('--policy must be one of');
  });

  it('parses scan and self', () => {
    expect(
      parseScanArguments(['list.txt', '--out', 'reports', '--concurrency', '4', '--quiet']),
    ).toEqual({
      json: false,
      source: 'list.txt',
      outDir: 'reports',
      concurrency: 4,
      quiet: true,
    });
    expect(parseScanArguments(['-'])).toMatchObject({ source: '-', concurrency: 16, outDir: '.' });
    expect(parseScanArguments([])).toEqual({
      problem: expect.stringContaining('missing the file'),
    });
    expect(parseScanArguments(['a', '--concurrency', '0'])).toEqual({
      problem: expect.stringContaining('--concurrency'),
    });
    expect(
      parseSelfArguments(['--host', 'MX.Zorg.NL', '--address', '192.0.2.5', '--port', '25']),
    ).toEqual({
      json: false,
      host: 'mx.zorg.nl',
      address: '192.0.2.5',
      port: 25,
    });
    expect(parseSelfArguments(['--address', 'mx.zorg.nl'])).toEqual({
      problem: expect.stringContaining('--address needs an IP address'),
    });
    expect(parseSelfArguments(['extra'])).toEqual({
      problem: expect.stringContaining('unexpected'),
    });
  });
});
