import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_HOST, parseHost, withHost, hostFromArgs } = require('./manifest-host.js') as {
  DEV_HOST: string;
  parseHost(value: unknown): string;
  withHost(xml: string, host: string): string;
  hostFromArgs(argv: string[], env: Record<string, string | undefined>): string | undefined;
};

const MANIFEST = readFileSync(join(__dirname, '..', '..', '..', 'manifest.xml'), 'utf8');

describe('the production manifest copy', () => {
  it.each([
    ['https://zegel.example.org', 'https://zegel.example.org'],
    ['https://zegel.example.org/', 'https://zegel.example.org'],
    ['https://Zegel.Example.org:8443', 'https://zegel.example.org:8443'],
  ])('accepts %s as %s', (input, origin) => {
    expect(parseHost(input)).toBe(origin);
  });

  it.each([
    ['http://zegel.example.org', /https/],
    ['zegel.example.org', /not a URL/],
    ['https://zegel.example.org/addin', /origin only/],
    ['https://zegel.example.org/?a=1', /origin only/],
    ['https://user:pw@zegel.example.org', /origin only/],
    [undefined, /not a URL/],
  ])('refuses %s', (input, message) => {
    expect(() => parseHost(input)).toThrow(message);
  });

  it('replaces every development URL and leaves nothing of localhost', () => {
    const copy = withHost(MANIFEST, 'https://zegel.example.org');
    expect(copy).not.toContain('localhost');
    const count = MANIFEST.split(DEV_HOST).length - 1;
    expect(count).toBeGreaterThan(5);
    expect(copy.split('https://zegel.example.org/').length - 1).toBe(
      MANIFEST.split(`${DEV_HOST}/`).length - 1,
    );
  });

  it('fails on a manifest without the development host', () => {
    expect(() => withHost('<OfficeApp/>', 'https://zegel.example.org')).toThrow(/does not mention/);
  });

  it.each([
    [['--host', 'https://a.example'], {}, 'https://a.example'],
    [['--host=https://b.example'], {}, 'https://b.example'],
    [[], { ZEGEL_ADDIN_HOST: 'https://c.example' }, 'https://c.example'],
    [[], {}, undefined],
  ])('reads the host from %j / %j', (argv, env, host) => {
    expect(hostFromArgs(argv, env)).toBe(host);
  });
});

describe('manifest.xml', () => {
  it('is a compose add-in with ReadWriteItem and a task pane from Mailbox 1.3', () => {
    expect(MANIFEST).toContain('<Permissions>ReadWriteItem</Permissions>');
    expect(MANIFEST).toMatch(/<Set Name="Mailbox" MinVersion="1.3"\/>/);
    expect(MANIFEST).toMatch(/xsi:type="MessageComposeCommandSurface"/);
    expect(MANIFEST).toMatch(/xsi:type="ShowTaskpane"/);
  });

  it('has exactly one OnMessageSend, SoftBlock, behind Mailbox 1.12, with a JavaScript runtime override', () => {
    const events = MANIFEST.match(/<LaunchEvent [^>]*>/g) ?? [];
    expect(events).toEqual([
      '<LaunchEvent Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"/>',
    ]);
    const v11 = MANIFEST.slice(MANIFEST.indexOf('VersionOverridesV1_1'));
    expect(v11).toMatch(/<bt:Sets DefaultMinVersion="1.12">/);
    expect(v11).toMatch(/<Override type="javascript" resid="CommandsJs.Url"\/>/);
    expect(v11).toContain('https://localhost:3000/commands.js');
  });
});
