import { ZegelError } from '../../common/zegel-error';
import { validateRuleInput, validateSample } from './mail-flow-rule.validation';

const problems = (input: unknown): string[] => {
  try {
    validateRuleInput(input, ['public', 'internal', 'confidential', 'registered']);
    return [];
  } catch (error) {
    if (!(error instanceof ZegelError)) throw error;
    expect(error.code).toBe('VALIDATION_FAILED');
    return (error.details ?? []).map((d) => `${d.path}: ${d.message}`);
  }
};

describe('validateRuleInput', () => {
  const good = {
    name: 'Results',
    conditions: { subjectKeywords: ['uitslag'] },
    classification: 'registered',
  };

  it('accepts a rule and defaults enabled to true', () => {
    expect(validateRuleInput(good, ['registered'])).toEqual({ ...good, enabled: true });
  });

  it.each<[string, unknown, string[]]>([
    ['no conditions', { ...good, conditions: {} }, ['conditions: needs at least one condition']],
    [
      'unknown condition',
      { ...good, conditions: { bcc: ['x'] } },
      ['conditions: Unrecognized key: "bcc"', 'conditions: needs at least one condition'],
    ],
    [
      'unknown classification',
      { ...good, classification: 'secret' },
      ['classification: must be one of public, internal, confidential, registered'],
    ],
    [
      'bad domain',
      { ...good, conditions: { senderDomains: ['not a domain'] } },
      ['conditions.senderDomains.0: is not a domain name'],
    ],
    [
      'bad label id',
      { ...good, conditions: { msipLabelIds: ['abc'] } },
      ['conditions.msipLabelIds.0: is not a label id (GUID)'],
    ],
    [
      'bad header name',
      { ...good, conditions: { header: { name: 'X Bad', contains: 'a' } } },
      ['conditions.header.name: is not a header name'],
    ],
    [
      'empty keyword list',
      { ...good, conditions: { bodyKeywords: [] } },
      ['conditions.bodyKeywords: Too small: expected array to have >=1 items'],
    ],
    [
      'empty name',
      { ...good, name: '  ' },
      ['name: Too small: expected string to have >=1 characters'],
    ],
  ])('%s', (_name, input, expected) => {
    const got = problems(input);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i].split(':')[0]).toBe(e.split(':')[0]));
    expect(got.join('\n')).toContain(expected[0].split(': ').slice(1).join(': ').slice(0, 20));
  });
});

describe('validateSample', () => {
  it('lower-cases header names and turns single values into lists', () => {
    expect(
      validateSample({
        sender: 'a@b.nl',
        recipients: ['c@d.nl'],
        headers: { 'X-A': '1', 'x-a': ['2'] },
      }),
    ).toEqual({
      sender: 'a@b.nl',
      recipients: ['c@d.nl'],
      subject: '',
      body: '',
      headers: { 'x-a': ['1', '2'] },
      attachmentCount: 0,
    });
  });

  it('refuses a sample without recipients', () => {
    expect(() => validateSample({ sender: 'a@b.nl', recipients: [] })).toThrow(
      'The sample message is not valid.',
    );
  });
});
