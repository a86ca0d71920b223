import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;

export type Colour = ReturnType<typeof rgb>;

export interface LineStyle {
  font?: PDFFont;
  size?: number;
  colour?: Colour;
}

/**
 * Lays lines top to bottom on A4 pages, wrapping long ones and starting a new page when one is
 * full. Shared by the receipt and the evidence report so both look and wrap the same.
 */
export class PageWriter {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  gap(points: number): void {
    this.y -= points;
  }

  line(raw: string, opts: LineStyle = {}): void {
    const font = opts.font ?? this.font;
    const size = opts.size ?? 11;
    const text = encodable(font, raw);
    for (const piece of wrap(text, font, size, A4[0] - 2 * MARGIN)) {
      if (this.y < MARGIN + size) {
        this.page = this.doc.addPage(A4);
        this.y = A4[1] - MARGIN;
      }
      this.y -= size * 1.35;
      this.page.drawText(piece, {
        x: MARGIN,
        y: this.y,
        size,
        font,
        color: opts.colour ?? rgb(0.14, 0.14, 0.14),
      });
    }
  }
}

export function hexColour(hex: string): Colour {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return rgb(0, 0, 0);
  return rgb(parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255);
}

/** Characters the font cannot draw (WinAnsi only for the standard fonts) become '?'. */
export function encodable(font: PDFFont, text: string): string {
  const allowed = new Set(font.getCharacterSet());
  return Array.from(text.replace(/[\r\n\t]+/g, ' '))
    .map((c) => (allowed.has(c.codePointAt(0)!) ? c : '?'))
    .join('');
}

/** Breaks at spaces where possible, else anywhere (hashes and signatures have no spaces). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (font.widthOfTextAtSize(rest, size) > width) {
    let cut = rest.length;
    while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
    const space = rest.lastIndexOf(' ', cut);
    const at = space > cut / 2 ? space : cut;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}
