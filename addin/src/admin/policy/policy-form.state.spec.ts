import type { OrgPolicyView } from '@zegel/shared';
import { bodyFromForm, formFromView, problemsByField, splitDomains } from './policy-form.state';

const VIEW: OrgPolicyView = {
  directDelivery: true,
  daneOnly: false,
  requireNta7516Record: true,
  holdDomains: ['blocked.example'],
  forcePickupDomains: [],
  internalDomains: ['umc.example', 'lab.umc.example'],
  pickup: {
    wrongCodesPerCopy: 10,
    wrongCodesPerAddress: 3,
    acceptWindowDays: 14,
    downloadWindowHours: 24,
  },
  retentionDays: { registered: 30 },
  version: 4,
  updatedAt: null,
  updatedBy: null,
};

describe('policy form', () => {
  it('round-trips a view through the form into the body', () => {
    const form = formFromView(VIEW, ['confidential', 'registered']);
    expect(form.domains.internalDomains).toBe('umc.example\nlab.umc.example');
    expect(form.retention).toEqual({ confidential: '', registered: '30' });
    expect(bodyFromForm(form)).toEqual({
      directDelivery: true,
      daneOnly: false,
      requireNta7516Record: true,
      holdDomains: ['blocked.example'],
      forcePickupDomains: [],
      internalDomains: ['umc.example', 'lab.umc.example'],
      pickup: VIEW.pickup,
      retentionDays: { confidential: null, registered: 30 },
    });
  });

  it('sends what is not a whole number as typed, for the server to name', () => {
    const form = formFromView(VIEW, ['registered']);
    form.pickup.acceptWindowDays = '1.5';
    form.retention.registered = 'ten';
    const body = bodyFromForm(form);
    expect(body.pickup.acceptWindowDays).toBe('1.5');
    expect(body.retentionDays.registered).toBe('ten');
  });

  it.each([
    ['a.nl\n b.nl ,c.nl', ['a.nl', 'b.nl', 'c.nl']],
    ['  \n', []],
  ])('splits %j', (text, expected) => {
    expect(splitDomains(text)).toEqual(expected);
  });

  it('files problems under the field they belong to, first one first', () => {
    expect(
      problemsByField([
        { path: 'holdDomains.2', code: 'TOO_LONG' },
        { path: 'holdDomains', code: 'DOMAIN_INVALID' },
        { path: 'pickup.acceptWindowDays', code: 'OUT_OF_RANGE' },
        { path: 'retentionDays.registered', code: 'OUT_OF_RANGE' },
        { path: '(policy)' },
      ]),
    ).toEqual({
      holdDomains: 'TOO_LONG',
      'pickup.acceptWindowDays': 'OUT_OF_RANGE',
      'retentionDays.registered': 'OUT_OF_RANGE',
      '(policy)': 'WRONG_TYPE',
    });
  });
});
