import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';

/**
 * The text a PDF draws, page by page, as pdf-lib parses it back: the content streams decoded and
 * the strings of their text operators (hex strings in the standard fonts' WinAnsi encoding, glyph
 * ids of embedded fonts through their ToUnicode map, or literal strings). Enough to check what a
 * receipt or an evidence report shows; not a general text extractor.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ doc: PDFDocument; lines: string[] }> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) lines.push(...pageStrings(doc, page));
  return { doc, lines };
}

// WinAnsi (Windows-1252) differs from Latin-1 only in 0x80-0x9F; Node decodes that label as Latin-1.
const CP1252_HIGH =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';
const WIN_ANSI = {
  decode: (bytes: Buffer) =>
    Array.from(bytes, (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b),
    ).join(''),
};

function pageStrings(doc: PDFDocument, page: PDFPage): string[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const out: string[] = [];
  let decode: (hex: string) => string = (hex) => WIN_ANSI.decode(Buffer.from(hex, 'hex'));
  for (const ref of refs) {
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(stream instanceof PDFRawStream)) continue;
    const source = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    const ops = /\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    for (const m of source.matchAll(ops)) {
      if (m[1] !== undefined) decode = decoderOf(fonts?.lookupMaybe(PDFName.of(m[1]), PDFDict));
      else out.push(m[2] !== undefined ? decode(m[2]) : m[3]);
    }
  }
  return out;
}

/** WinAnsi for the standard fonts; for an embedded (Type0, Identity-H) font its ToUnicode map. */
function decoderOf(font: PDFDict | undefined): (hex: string) => string {
  const winAnsi = (hex: string) => WIN_ANSI.decode(Buffer.from(hex, 'hex'));
  const toUnicode = font?.lookup(PDFName.of('ToUnicode'));
  if (!(toUnicode instanceof PDFRawStream)) return winAnsi;
  const cmap = Buffer.from(decodePDFRawStream(toUnicode).decode()).toString('latin1');
  const glyphs = new Map<string, string>();
  for (const [, id, unicode] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
    glyphs.set(id.toLowerCase(), Buffer.from(unicode, 'hex').swap16().toString('utf16le'));
  }
  return (hex) =>
    (hex.toLowerCase().match(/.{4}/g) ?? []).map((id) => glyphs.get(id) ?? '\ufffd').join('');
}
