import { parsePhone, type PreflightResponse } from '@zegel/shared';

/** What the sender typed for one recipient's code by SMS. */
export interface PhoneEntry {
  typed: string;
  /** Filled in from the contact's number remembered from an earlier mail. */
  remembered: boolean;
  /** Left once (or a send was tried): only then is a mistake pointed out. */
  touched: boolean;
}

export type PhoneEntries = Record<string, PhoneEntry>;

export const phoneKey = (address: string) => address.toLowerCase();

/** Whether the pane asks for a number for this recipient: a pickup copy, with SMS in use. */
export function asksPhone(answer: PreflightResponse | null, address: string): boolean {
  if (!answer || !answer.smsCode || answer.smsCode === 'off') return false;
  const planned = answer.recipients.find((r) => phoneKey(r.address) === phoneKey(address));
  return planned?.route === 'pickup';
}

export interface PhonePlan {
  /** E.164 numbers to send with the message, per address as the draft spells it. */
  phones: Record<string, string>;
  /** Addresses whose typed number is not a mobile number, with why. */
  invalid: Record<string, 'format' | 'national'>;
  /** Addresses that need a number (SMS required) and have none. */
  missing: string[];
}

/** The numbers to send, and what stops the send, for the recipients the pane asks about. */
export function planPhones(
  recipients: readonly string[],
  entries: PhoneEntries,
  answer: PreflightResponse | null,
): PhonePlan {
  const plan: PhonePlan = { phones: {}, invalid: {}, missing: [] };
  for (const address of recipients) {
    if (!asksPhone(answer, address)) continue;
    const typed = entries[phoneKey(address)]?.typed.trim() ?? '';
    if (!typed) {
      if (answer?.smsCode === 'required') plan.missing.push(address);
      continue;
    }
    const parsed = parsePhone(typed);
    if (parsed.ok) plan.phones[address] = parsed.phone;
    else plan.invalid[address] = parsed.reason;
  }
  return plan;
}
