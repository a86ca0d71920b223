import { DEFAULT_ORG_POLICY } from '@zegel/shared';
import { ZegelError } from '../../common/zegel-error';
import { applyPolicyUpdate } from './org-policy.validation';

describe('applyPolicyUpdate', () => {
  it.each<[string, unknown, object]>([
    ['keeps what is not given', { daneOnly: true }, { ...DEFAULT_ORG_POLICY, daneOnly: true }],
    [
      'normalises and de-duplicates domains',
      { forcePickupDomains: ['*.Zorg.NL', 'zorg.nl', 'b.nl.'] },
      { forcePickupDomains: ['zorg.nl', 'b.nl'] },
    ],
    ['empty update', {}, DEFAULT_ORG_POLICY],
  ])('%s', (_name, input, expected) => {
    expect(applyPolicyUpdate(DEFAULT_ORG_POLICY, input)).toMatchObject(expected);
  });

  it.each<[string, unknown, string]>([
    ['unknown field', { lenient: true }, '(policy)'],
    ['wrong type', { daneOnly: 'yes' }, 'daneOnly'],
    ['bad domain', { holdDomains: ['not a domain'] }, 'holdDomains'],
    ['single label', { holdDomains: ['localhost'] }, 'holdDomains'],
    ['not an object', 'daneOnly', '(policy)'],
  ])('refuses %s', (_name, input, path) => {
    let caught: unknown;
    try {
      applyPolicyUpdate(DEFAULT_ORG_POLICY, input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZegelError);
    expect((caught as ZegelError).code).toBe('VALIDATION_FAILED');
    expect((caught as ZegelError).details?.[0].path).toBe(path);
  });
});
