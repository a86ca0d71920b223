/** A piece of text, or a link found in it. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
// Sentence punctuation right after a link is not part of it.
const TRAILING = /[.,;:!?)\]}>]+$/;

/** Splits text into plain runs and http(s) links, so a page can render the links as anchors. */
export function splitLinks(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let href = match[0];
    const trailing = TRAILING.exec(href);
    // Keep a closing parenthesis that has its opening one inside the link (Wikipedia-style URLs).
    if (trailing && !(trailing[0] === ')' && href.includes('(')))
      href = href.slice(0, -trailing[0].length);
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}
