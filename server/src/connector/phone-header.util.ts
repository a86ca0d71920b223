import { PHONE } from '../messages/submission.validation';

/**
 * Reads `X-Zegel-Recipient-Phone` values (`address +31612345678, other@example.nl +31687654321`) into
 * address → phone for the envelope's recipients. Entries for other addresses, and malformed ones,
 * are ignored: a mistake in a transport rule must not refuse the mail; the recipient register or
 * the sender then supplies the channel.
 */
export function phonesFromHeader(
  values: string[] | undefined,
  recipients: string[],
): Map<string, string> {
  const wanted = new Set(recipients.map((r) => r.toLowerCase()));
  const phones = new Map<string, string>();
  for (const value of values ?? []) {
    for (const entry of value.split(',')) {
      const match = /^\s*<?([^\s<>=]+@[^\s<>=]+?)>?\s*[=\s]\s*(\+\d+)\s*$/.exec(entry);
      if (!match) continue;
      const address = match[1].toLowerCase();
      if (wanted.has(address) && PHONE.test(match[2]) && !phones.has(address))
        phones.set(address, match[2]);
    }
  }
  return phones;
}
