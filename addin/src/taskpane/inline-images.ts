import {
  CONTENT_ID,
  contentIdOfCidUrl,
  MAX_CONTENT_ID_LENGTH,
  type InlineImageRef,
} from '@zegel/shared';
import type { DraftAttachment } from '../office/compose-mail';

/**
 * The `src` of every image the HTML names by `cid:`, decoded (RFC 2392), each once. The browser's
 * own parser reads the body (an inert document: nothing in it runs or loads), so attribute quoting
 * and character references come out as the server's sanitizer will read them.
 */
export function cidReferences(html: string): string[] {
  const found = new Set<string>();
  const body = new DOMParser().parseFromString(html, 'text/html');
  for (const image of body.querySelectorAll('img[src]')) {
    // The server's sanitiser reads the same attribute with the same function.
    const cid = contentIdOfCidUrl(image.getAttribute('src')!);
    if (cid !== null) found.add(cid);
  }
  return [...found].filter((cid) => cid.length <= MAX_CONTENT_ID_LENGTH && CONTENT_ID.test(cid));
}

/**
 * Which uploaded files are the images the body shows inline, and under which Content-ID (the
 * submission's `inlineImages`). `attachments` are in the order their files are uploaded.
 *
 * An inline attachment's Content-ID comes from Outlook (Mailbox 1.16, `contentId`) when the body
 * names it. Clients below 1.16 give none; classic Outlook names an inline image in the body as
 * `cid:<file name>@<suffix>` (`image001.png@01DB…`), so a reference whose part before the `@` is
 * the file's name, and that no other attachment could claim, is taken as that file's. Anything
 * else stays an ordinary attachment: a wrong pairing would show the recipient the wrong image.
 */
export function inlineImageRefs(html: string, attachments: DraftAttachment[]): InlineImageRef[] {
  const references = cidReferences(html);
  const refs: InlineImageRef[] = [];
  const claimed = new Set<string>();
  for (const [index, attachment] of attachments.entries()) {
    if (!attachment.isInline || attachment.kind !== 'file') continue;
    // An empty Content-ID from Outlook is none at all.
    const given = attachment.contentId?.trim().toLowerCase() || undefined;
    const contentId = given
      ? references.find((cid) => cid.toLowerCase() === given)
      : byFileName(references, attachment, attachments);
    if (contentId && !claimed.has(contentId.toLowerCase())) {
      claimed.add(contentId.toLowerCase());
      refs.push({ attachment: index, contentId });
    }
  }
  return refs;
}

/** The one reference `<name>@…` of an inline file whose name no other attachment shares. */
function byFileName(
  references: string[],
  attachment: DraftAttachment,
  all: DraftAttachment[],
): string | undefined {
  const name = attachment.name.toLowerCase();
  if (all.filter((a) => a.name.toLowerCase() === name).length !== 1) return undefined;
  const candidates = references.filter((cid) => cid.toLowerCase().startsWith(`${name}@`));
  return candidates.length === 1 ? candidates[0] : undefined;
}
