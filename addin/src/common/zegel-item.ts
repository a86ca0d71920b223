/**
 * What the add-in stores on a draft, besides the X-Zegel-Classification header: the label as a
 * custom property (so the send check can tell "label chosen but header lost"), and, once sent
 * registered, the Zegel message id (so the same draft is never sent twice).
 */
export const LABEL_PROPERTY = 'zegelClassification';
export const SENT_PROPERTY = 'zegelSentMessageId';
export const SENT_HEADER = 'X-Zegel-Sent';

/** The category the user sees in Outlook for a label. */
export function categoryFor(label: string): string {
  return `Zegel: ${label}`;
}

export function isZegelCategory(name: string): boolean {
  return name.startsWith('Zegel: ');
}

/** The lower-case domain of an address; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '');
}

/** Whether `address` is in one of `domains` or a subdomain of one. */
export function isInternal(address: string, domains: readonly string[]): boolean {
  const domain = domainOf(address);
  if (!domain) return false;
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}
