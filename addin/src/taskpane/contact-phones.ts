import type { RoamingStore } from '../office/roaming-settings';

const KEY = 'zegelContactPhones';
/** Roaming settings hold 32 KB in all: 300 numbers of ~50 bytes each leave room for the rest. */
export const MAX_REMEMBERED = 300;

type PhoneBook = Record<string, string>;

/**
 * The book after sending: the numbers just used move to the end (most recent), the oldest fall
 * off past `max`. Addresses are kept in lower case, as mail addresses compare.
 */
export function rememberPhones(
  book: PhoneBook,
  used: { address: string; phone: string }[],
  max = MAX_REMEMBERED,
): PhoneBook {
  const next = new Map(Object.entries(book));
  for (const { address, phone } of used) {
    const key = address.toLowerCase();
    next.delete(key);
    next.set(key, phone);
  }
  const entries = [...next.entries()];
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - max)));
}

function readBook(store: RoamingStore | null): PhoneBook {
  const value = store?.get(KEY);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** The sender's phone numbers per contact for the CE-ID by SMS, remembered across computers. */
export class ContactPhones {
  constructor(private readonly store: RoamingStore | null) {}

  phoneOf(address: string): string | undefined {
    return readBook(this.store)[address.toLowerCase()];
  }

  /** Remembers the numbers a send used; a failed save only means they are asked for again. */
  async remember(used: { address: string; phone: string }[]): Promise<void> {
    if (!this.store || used.length === 0) return;
    this.store.set(KEY, rememberPhones(readBook(this.store), used));
    await this.store.save().catch(() => undefined);
  }
}
