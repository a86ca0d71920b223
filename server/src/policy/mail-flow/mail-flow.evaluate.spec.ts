import {
  containsWord,
  enabledMsipLabels,
  evaluateMailFlow,
  failedConditions,
} from './mail-flow.evaluate';
import type { MailFlowConditions, MailFlowRule, MailSample } from './mail-flow.types';

const LABEL = 'f42aa342-8706-4288-bd11-ebb85995028c';
const mail = (over: Partial<MailSample> = {}): MailSample => ({
  sender: 'Jan@Zorg.example',
  recipients: ['patient@example.nl', 'arts@Ziekenhuis.example'],
  subject: 'Uitslag bloedonderzoek',
  body: 'Beste patiënt, hierbij het BSN-nummer 123.',
  headers: {
    msip_labels: [`MSIP_Label_${LABEL}_Enabled=true; MSIP_Label_${LABEL}_SiteId=x`],
    'x-department': ['Cardiologie'],
  },
  attachmentCount: 1,
  ...over,
});

describe('failedConditions', () => {
  it.each<[string, MailFlowConditions, MailSample, string[]]>([
    ['sender address', { senderAddresses: ['jan@zorg.example'] }, mail(), []],
    [
      'other sender address',
      { senderAddresses: ['piet@zorg.example'] },
      mail(),
      ['senderAddresses'],
    ],
    ['sender domain', { senderDomains: ['ZORG.example'] }, mail(), []],
    [
      'sender subdomain is not the domain',
      { senderDomains: ['example'] },
      mail(),
      ['senderDomains'],
    ],
    ['one recipient domain is enough', { recipientDomains: ['ziekenhuis.example'] }, mail(), []],
    [
      'no recipient in domain',
      { recipientDomains: ['gemeente.example'] },
      mail(),
      ['recipientDomains'],
    ],
    ['subject word', { subjectKeywords: ['uitslag'] }, mail(), []],
    ['subject phrase', { subjectKeywords: ['uitslag  bloedonderzoek'] }, mail(), []],
    ['part of a word is no word', { subjectKeywords: ['bloed'] }, mail(), ['subjectKeywords']],
    ['body word with accents', { bodyKeywords: ['patiënt'] }, mail(), []],
    ['body word with hyphen', { bodyKeywords: ['BSN'] }, mail(), []],
    ['body word absent', { bodyKeywords: ['diagnose'] }, mail(), ['bodyKeywords']],
    ['header contains', { header: { name: 'X-Department', contains: 'cardio' } }, mail(), []],
    ['header missing', { header: { name: 'X-Other', contains: 'a' } }, mail(), ['header']],
    ['Purview label', { msipLabelIds: [LABEL.toUpperCase()] }, mail(), []],
    [
      'Purview label disabled',
      { msipLabelIds: [LABEL] },
      mail({ headers: { msip_labels: [`MSIP_Label_${LABEL}_Enabled=false`] } }),
      ['msipLabelIds'],
    ],
    ['attachment present', { hasAttachment: true }, mail(), []],
    ['attachment absent', { hasAttachment: true }, mail({ attachmentCount: 0 }), ['hasAttachment']],
    ['no attachment wanted', { hasAttachment: false }, mail({ attachmentCount: 0 }), []],
    [
      'all conditions must hold',
      { senderDomains: ['zorg.example'], subjectKeywords: ['factuur'], hasAttachment: false },
      mail(),
      ['subjectKeywords', 'hasAttachment'],
    ],
  ])('%s', (_name, conditions, sample, failed) => {
    expect(failedConditions(conditions, sample)).toEqual(failed);
  });
});

describe('evaluateMailFlow', () => {
  const rule = (
    id: string,
    position: number,
    conditions: MailFlowConditions,
    classification: string,
    enabled = true,
  ): MailFlowRule => ({
    id,
    name: `rule ${id}`,
    position,
    enabled,
    conditions,
    classification,
  });

  it('takes the first matching enabled rule by position and traces the ones before it', () => {
    const rules = [
      rule('c', 30, { senderDomains: ['zorg.example'] }, 'confidential'),
      rule('a', 10, { subjectKeywords: ['factuur'] }, 'internal'),
      rule('b', 20, { msipLabelIds: [LABEL] }, 'registered'),
      rule('d', 5, { senderDomains: ['zorg.example'] }, 'public', false),
    ];
    const result = evaluateMailFlow(rules, mail());
    expect(result.classification).toBe('registered');
    expect(result.ruleId).toBe('b');
    expect(result.trace).toEqual([
      { id: 'a', name: 'rule a', matched: false, failed: ['subjectKeywords'] },
      { id: 'b', name: 'rule b', matched: true, failed: [] },
    ]);
  });

  it('gives no classification when nothing matches', () => {
    const result = evaluateMailFlow(
      [rule('a', 1, { hasAttachment: false }, 'confidential')],
      mail(),
    );
    expect(result.classification).toBeUndefined();
    expect(result.trace).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('matches words, not fragments', () => {
    expect(containsWord('Re: Vertrouwelijk!', 'vertrouwelijk')).toBe(true);
    expect(containsWord('onvertrouwelijk', 'vertrouwelijk')).toBe(false);
    expect(containsWord('a (b) c', '(b)')).toBe(true);
    expect(containsWord('anything', '  ')).toBe(false);
  });
  it('reads enabled Purview labels only', () => {
    expect(
      enabledMsipLabels([
        `MSIP_Label_${LABEL}_Enabled=True; MSIP_Label_00000000-0000-0000-0000-000000000000_Enabled=false`,
      ]),
    ).toEqual([LABEL]);
  });
});
