/**
 * Inline images of a mail (RFC 2392 `cid:` references to its own parts): what the server's sanitiser
 * shows and what the Outlook task pane names in a submission, from one definition.
 */

/** The image types a mail may show inline (`cid:` parts and `data:` URLs); never SVG. */
export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const BY_EXTENSION = new Map([
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
]);

/** The inline image type a file name gives, for a part that comes without a type of its own. */
export function inlineImageTypeOf(fileName: string): string | undefined {
  return BY_EXTENSION.get(/\.([a-z]+)$/i.exec(fileName)?.[1].toLowerCase() ?? '');
}

/** A Content-ID as mail carries it between angle brackets (printable ASCII, no brackets). */
export const CONTENT_ID = /^[\x21-\x3b\x3d\x3f-\x7e]+$/;
/** The longest Content-ID a submission may name. */
export const MAX_CONTENT_ID_LENGTH = 250;

/**
 * The content ID a `cid:` URL names (RFC 2392: URL-encoded, without the angle brackets). Spaces
 * around the URL do not count, as browsers strip them from a `src`.
 */
export function contentIdOfCidUrl(src: string): string | null {
  const url = src.trim();
  if (!/^cid:/i.test(url)) return null;
  try {
    return decodeURIComponent(url.slice(4)).trim();
  } catch {
    return null;
  }
}
