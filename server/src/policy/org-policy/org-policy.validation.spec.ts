import { DEFAULT_ORG_POLICY, type PolicySettings } from '@zegel/shared';
import { ZegelError } from '../../common/zegel-error';
import { applyPolicyUpdate } from './org-policy.validation';

const CURRENT: PolicySettings = {
  ...DEFAULT_ORG_POLICY,
  pickup: {
    wrongCodesPerCopy: 10,
    wrongCodesPerAddress: 3,
    acceptWindowDays: 14,
    downloadWindowHours: 24,
  },
  retentionDays: { registered: 30 },
};
const IDS = ['confidential', 'registered'];

describe('applyPolicyUpdate', () => {
  it.each<[string, unknown, object]>([
    ['keeps what is not given', { daneOnly: true }, { ...DEFAULT_ORG_POLICY, daneOnly: true }],
    [
      'normalises and de-duplicates domains',
      { forcePickupDomains: ['*.Zorg.NL', 'zorg.nl', 'b.nl.'] },
      { forcePickupDomains: ['zorg.nl', 'b.nl'] },
    ],
    ['empty update', {}, CURRENT],
    [
      'merges pickup limits',
      { pickup: { acceptWindowDays: 7 } },
      { pickup: { ...CURRENT.pickup, acceptWindowDays: 7 } },
    ],
    [
      'merges retention, null removes one',
      { retentionDays: { confidential: 5, registered: null } },
      { retentionDays: { confidential: 5 } },
    ],
  ])('%s', (_name, input, expected) => {
    expect(applyPolicyUpdate(CURRENT, input, IDS)).toMatchObject(expected);
  });

  it.each<[string, unknown, string, string]>([
    ['unknown field', { lenient: true }, '(policy)', 'UNKNOWN_FIELD'],
    ['wrong type', { daneOnly: 'yes' }, 'daneOnly', 'WRONG_TYPE'],
    ['bad domain', { holdDomains: ['not a domain'] }, 'holdDomains', 'DOMAIN_INVALID'],
    ['single label', { internalDomains: ['localhost'] }, 'internalDomains', 'DOMAIN_INVALID'],
    ['not an object', 'daneOnly', '(policy)', 'WRONG_TYPE'],
    [
      'zero attempts',
      { pickup: { wrongCodesPerCopy: 0 } },
      'pickup.wrongCodesPerCopy',
      'OUT_OF_RANGE',
    ],
    [
      'fractional days',
      { pickup: { acceptWindowDays: 1.5 } },
      'pickup.acceptWindowDays',
      'WRONG_TYPE',
    ],
    [
      'retention too long',
      { retentionDays: { registered: 400 } },
      'retentionDays.registered',
      'OUT_OF_RANGE',
    ],
    [
      'unknown classification',
      { retentionDays: { nope: 3 } },
      'retentionDays.nope',
      'UNKNOWN_CLASSIFICATION',
    ],
  ])('refuses %s', (_name, input, path, code) => {
    let caught: unknown;
    try {
      applyPolicyUpdate(CURRENT, input, IDS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ZegelError);
    expect((caught as ZegelError).code).toBe('VALIDATION_FAILED');
    expect((caught as ZegelError).details?.[0]).toMatchObject({ path, code });
  });
});
