import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExchangeArguments, runExchangeCommand } from '../../cli/exchange.command';
import { main } from '../../cli/main';

describe('zegel exchange arguments', () => {
  it('parses a full on-premises command line', () => {
    expect(
      parseExchangeArguments([
        'script',
        '--target',
        'onprem',
        '--host',
        'zegel.zorg.example',
        '--port',
        '2525',
        '--name',
        'Zegel NTA 7516',
        '--source-server',
        'EX01',
        '--source-server',
        'EX02',
        '--rules',
        'rules.json',
      ]),
    ).toEqual({
      target: 'onprem',
      zegelHost: 'zegel.zorg.example',
      zegelPort: 2525,
      connectorName: 'Zegel NTA 7516',
      sourceServers: ['EX01', 'EX02'],
      rulesFile: 'rules.json',
      fromDatabase: false,
    });
  });

  it.each([
    [[], 'missing subcommand "script"'],
    [['export'], 'unknown subcommand "export"'],
    [['script'], 'missing --host'],
    [['script', '--host', 'a.b', '--target', 'cloud'], '--target must be online or onprem'],
    [['script', '--host', 'a.b', '--port', '70000'], '--port needs a port number'],
    [['script', '--host'], '--host needs a value'],
    [['script', '--host', 'a.b', '--rules', 'r.json', '--from-database'], 'not both'],
    [['script', '--host', 'a.b', '--verbose'], 'unknown argument --verbose'],
  ])('%p → %s', (args, problem) => {
    const parsed = parseExchangeArguments(args);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

describe('zegel exchange script', () => {
  let out: string;
  let err: string;
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints the Exchange Online script with the rules from a file, through the CLI entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zegel-exchange-cli-'));
    try {
      const file = join(dir, 'rules.json');
      writeFileSync(
        file,
        JSON.stringify([
          {
            id: '1',
            name: 'Results',
            position: 1,
            enabled: true,
            conditions: { subjectKeywords: ['uitslag'] },
            classification: 'registered',
          },
        ]),
      );
      expect(await main(['exchange', 'script', '--host', 'zegel.example', '--rules', file])).toBe(
        0,
      );
      expect(out).toContain("$ZegelHost = 'zegel.example'");
      expect(out).toContain('New-OutboundConnector');
      expect(out).toContain("-Name 'Zegel rule: Results'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 64 with the usage on bad arguments and on a bad host', async () => {
    expect(await runExchangeCommand(['script'])).toBe(64);
    expect(err).toContain('Usage: zegel exchange script');
    expect(await runExchangeCommand(['script', '--host', 'bad host'])).toBe(64);
    expect(err).toContain('is not a host name');
    expect(out).toBe('');
  });
});
