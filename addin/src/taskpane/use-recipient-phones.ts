import { useCallback, useEffect, useState } from 'react';
import type { ContactPhones } from './contact-phones';
import { phoneKey, type PhoneEntries } from './recipient-phones';

/**
 * The numbers typed per recipient. A recipient seen for the first time gets the number
 * remembered for that contact; what the sender typed is kept while recipients come and go.
 */
export function useRecipientPhones(book: ContactPhones, recipients: string[] | null) {
  const [entries, setEntries] = useState<PhoneEntries>({});
  const key = recipients?.join('\n') ?? '';
  useEffect(() => {
    setEntries((previous) => {
      const next = { ...previous };
      for (const address of recipients ?? []) {
        const k = phoneKey(address);
        if (next[k]) continue;
        const remembered = book.phoneOf(k);
        next[k] = { typed: remembered ?? '', remembered: Boolean(remembered), touched: false };
      }
      return next;
    });
    // `key` stands for the recipients' content; `recipients` itself is a new array each time.
  }, [book, key]);
  const type = useCallback((address: string, typed: string) => {
    setEntries((e) => ({
      ...e,
      [phoneKey(address)]: { typed, remembered: false, touched: false },
    }));
  }, []);
  const leave = useCallback((address: string) => {
    setEntries((e) => {
      const k = phoneKey(address);
      return e[k] ? { ...e, [k]: { ...e[k], touched: true } } : e;
    });
  }, []);
  /** A send was tried: every mistake is pointed out now. */
  const touchAll = useCallback(() => {
    setEntries((e) =>
      Object.fromEntries(Object.entries(e).map(([k, v]) => [k, { ...v, touched: true }])),
    );
  }, []);
  return { entries, type, leave, touchAll };
}
