import type { PreflightResponse } from '@zegel/shared';
import { asksPhone, planPhones, type PhoneEntries } from './recipient-phones';

function answer(smsCode: PreflightResponse['smsCode']): PreflightResponse {
  return {
    classification: 'confidential',
    pending: false,
    smsCode,
    recipients: [
      { address: 'Jan@Zorg.nl', route: 'pickup', reasons: [], verdict: 'pickup' },
      { address: 'ict@partner.nl', route: 'direct', reasons: [], verdict: 'direct' },
    ],
  };
}

const entry = (typed: string): PhoneEntries[string] => ({
  typed,
  remembered: false,
  touched: true,
});

describe('asksPhone', () => {
  it('asks only for pickup copies, and only when SMS is in use', () => {
    expect(asksPhone(answer('optional'), 'jan@zorg.nl')).toBe(true);
    expect(asksPhone(answer('optional'), 'ict@partner.nl')).toBe(false);
    expect(asksPhone(answer('off'), 'jan@zorg.nl')).toBe(false);
    expect(asksPhone(answer(undefined), 'jan@zorg.nl')).toBe(false);
    expect(asksPhone(null, 'jan@zorg.nl')).toBe(false);
  });
});

describe('planPhones', () => {
  const recipients = ['Jan@Zorg.nl', 'ict@partner.nl'];

  it('sends a typed number as E.164 and ignores numbers for direct copies', () => {
    const plan = planPhones(
      recipients,
      { 'jan@zorg.nl': entry('+31 6-1234 5678'), 'ict@partner.nl': entry('+31699999999') },
      answer('optional'),
    );
    expect(plan).toEqual({ phones: { 'Jan@Zorg.nl': '+31612345678' }, invalid: {}, missing: [] });
  });

  it('points out a national number and a non-number', () => {
    expect(
      planPhones(recipients, { 'jan@zorg.nl': entry('0612345678') }, answer('optional')).invalid,
    ).toEqual({ 'Jan@Zorg.nl': 'national' });
    expect(
      planPhones(recipients, { 'jan@zorg.nl': entry('call me') }, answer('optional')).invalid,
    ).toEqual({ 'Jan@Zorg.nl': 'format' });
  });

  it('an empty number is fine when optional and missing when required', () => {
    expect(planPhones(recipients, {}, answer('optional')).missing).toEqual([]);
    expect(planPhones(recipients, {}, answer('required')).missing).toEqual(['Jan@Zorg.nl']);
  });
});
