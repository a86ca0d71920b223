/** A phone number for the CE-ID by SMS, as the API takes it: E.164, e.g. +31612345678. */
export const E164_PHONE = /^\+[1-9]\d{6,14}$/;

export type PhoneInput =
  | { ok: true; phone: string }
  /** `national`: a number without its country code (06…), which cannot be texted abroad. */
  | { ok: false; reason: 'format' | 'national' };

/**
 * What a person types (`+31 6 1234 5678`, `0031-6-12345678`, `(+31) 612345678`) as E.164.
 * A national number (starting with one 0) is refused rather than guessed: the country is not
 * known, and a text to the wrong country would carry a CE-ID to a stranger.
 */
export function parsePhone(typed: string): PhoneInput {
  const compact = typed.trim().replace(/[\s\-().]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (E164_PHONE.test(international)) return { ok: true, phone: international };
  if (/^0[1-9]\d{5,13}$/.test(international)) return { ok: false, reason: 'national' };
  return { ok: false, reason: 'format' };
}
