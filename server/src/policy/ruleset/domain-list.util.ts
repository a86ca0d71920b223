/** Lower-case domain of an address (the part after the last @), without a trailing dot. */
export function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/\.$/, '');
}

/** Normalises a policy list entry: lower case, no leading `*.` or `.`, no trailing dot. */
export function normaliseDomainEntry(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
}

/** Whether a domain is listed: an entry covers the domain itself and every subdomain of it. */
export function domainListed(domain: string, entries: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return entries.some((raw) => {
    const e = normaliseDomainEntry(raw);
    return e !== '' && (d === e || d.endsWith(`.${e}`));
  });
}
