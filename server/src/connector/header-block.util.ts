import libmime from 'libmime';

/** Headers read before the body: names lower-cased, folded lines joined, in order of appearance. */
export type HeaderMap = Map<string, string[]>;

/**
 * The length of the header block (including the empty line that ends it) at the start of `data`,
 * or -1 when the block has not ended yet.
 */
export function headerBlockLength(data: Buffer): number {
  if (data.length >= 2 && data[0] === 0x0d && data[1] === 0x0a) return 2;
  if (data.length >= 1 && data[0] === 0x0a) return 1;
  const crlf = data.indexOf('\r\n\r\n');
  const lf = data.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return -1;
  if (crlf === -1) return lf + 2;
  if (lf === -1) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/**
 * The header block as a map: names lower-cased, folded lines joined, repeats in order. libmime
 * (nodemailer's MIME library) does the RFC 5322 reading; lines that are no header are skipped.
 */
export function parseHeaderBlock(block: string): HeaderMap {
  const end = /\r?\n\r?\n/.exec(block);
  const head = end ? block.slice(0, end.index) : block;
  return new Map(
    Object.entries(libmime.decodeHeaders(head)).map(([name, values]) => [
      name.trim(),
      values.map((v) => v.trim()),
    ]),
  );
}
