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

export function parseHeaderBlock(block: string): HeaderMap {
  const headers: HeaderMap = new Map();
  const lines = block.split(/\r?\n/);
  let current: { name: string; value: string } | undefined;
  const flush = () => {
    if (!current) return;
    const list = headers.get(current.name) ?? [];
    list.push(current.value.trim());
    headers.set(current.name, list);
    current = undefined;
  };
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (current) current.value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
  }
  flush();
  return headers;
}
