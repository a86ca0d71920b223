import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailFlowRule } from '../mail-flow/mail-flow.types';
import { exchangeScript, mirrorConditions, psQuote } from './exchange-script';

const GOLDEN = join(__dirname, '..', '..', '..', '..', 'test', 'golden', 'exchange');

/** Rules that use every condition Zegel knows, in a shuffled order, one disabled, one unprotected. */
export const SAMPLE_RULES: MailFlowRule[] = [
  {
    id: '3',
    name: "Purview 'Zeer vertrouwelijk'",
    position: 30,
    enabled: true,
    conditions: { msipLabelIds: ['F42AA342-8706-4288-BD11-EBB85995028C'] },
    classification: 'registered',
  },
  {
    id: '1',
    name: 'Medical results',
    position: 10,
    enabled: true,
    conditions: {
      senderDomains: ['zorg.example'],
      subjectKeywords: ['uitslag', 'lab result'],
      hasAttachment: true,
    },
    classification: 'confidential',
  },
  {
    id: '2',
    name: 'Citizen service numbers',
    position: 20,
    enabled: true,
    conditions: { bodyKeywords: ['BSN'], recipientDomains: ['gemeente.example'] },
    classification: 'confidential',
  },
  {
    id: '4',
    name: 'HR header',
    position: 40,
    enabled: true,
    conditions: {
      header: { name: 'X-HR', contains: 'personnel' },
      senderAddresses: ['hr@zorg.example'],
    },
    classification: 'registered',
  },
  {
    id: '5',
    name: 'Newsletters',
    position: 50,
    enabled: true,
    conditions: { senderAddresses: ['news@zorg.example'] },
    classification: 'public',
  },
  {
    id: '6',
    name: 'Disabled',
    position: 5,
    enabled: false,
    conditions: { hasAttachment: false },
    classification: 'registered',
  },
];

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.ZEGEL_TEST_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('exchangeScript', () => {
  it('Exchange Online: outbound connector, one rule per handled label, mirrored rules (golden)', () => {
    const script = exchangeScript({
      target: 'online',
      zegelHost: 'zegel.zorg.example',
      rules: SAMPLE_RULES,
    });
    golden('online.ps1', script);
    expect(script).toContain('-IsTransportRuleScoped $true');
    expect(script).toContain('-TlsSettings DomainValidation');
    expect(script.match(/-RouteMessageOutboundConnector/g)).toHaveLength(2 + 4);
    expect(script.match(/-ExceptIfHeaderMatchesMessageHeader 'X-Zegel-Processed'/g)).toHaveLength(
      7,
    );
    expect(script).toMatch(/-SetHeaderValue 'public' `\n {2}-StopRuleProcessing \$true/);
    expect(script).not.toContain('Disabled');
  });

  it('Exchange Server: send connector created disabled, rules that set the label (golden)', () => {
    const script = exchangeScript({
      target: 'onprem',
      zegelHost: 'zegel.zorg.example',
      zegelPort: 2525,
      rules: SAMPLE_RULES,
      sourceServers: ['EX01', 'EX02'],
    });
    golden('onprem.ps1', script);
    expect(script).toContain('-RequireTLS $true');
    expect(script).toContain('-Enabled $false');
    expect(script).not.toMatch(/^\s*-RouteMessageOutboundConnector/m);
  });

  it('without rules it still routes the labels', () => {
    const script = exchangeScript({ target: 'online', zegelHost: 'zegel.example' });
    golden('online-no-rules.ps1', script);
    expect(script).toContain('no enabled mail-flow rules');
  });

  it('refuses a host name that would break out of the script', () => {
    expect(() => exchangeScript({ target: 'online', zegelHost: "x'; Remove-Mailbox" })).toThrow(
      'not a host name',
    );
  });

  it('quotes for PowerShell', () => {
    expect(psQuote("it's")).toBe("'it''s'");
  });

  it.each([
    [{ senderAddresses: ['a@b.nl'] }, [['From', "'a@b.nl'"]]],
    [{ bodyKeywords: ['x'] }, [['SubjectOrBodyContainsWords', "'x'"]]],
    [{ hasAttachment: false }, [['ExceptIfAttachmentSizeOver', '0KB']]],
    [
      { msipLabelIds: ['AA'] },
      [
        ['HeaderMatchesMessageHeader', "'msip_labels'"],
        ['HeaderMatchesPatterns', "'MSIP_Label_aa_Enabled=true'"],
      ],
    ],
  ])('mirrors %p', (conditions, parameters) => {
    const rule: MailFlowRule = {
      id: 'x',
      name: 'x',
      position: 1,
      enabled: true,
      conditions,
      classification: 'registered',
    };
    expect(mirrorConditions(rule).parameters).toEqual(parameters);
  });
});
