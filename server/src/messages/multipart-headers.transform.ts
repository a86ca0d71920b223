import { Transform, type TransformCallback } from 'node:stream';
import { ZegelError } from '../common/zegel-error';
import { DispositionError, parseDisposition } from './content-disposition.util';

/** busboy's (and Node's) limit for one part's header block. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Quoted-string for busboy: backslash escapes, no line breaks or NULs (they cannot be in a name). */
const quote = (value: string): string =>
  // eslint-disable-next-line no-control-regex -- these characters would break the header line
  `"${value.replace(/[\r\n\u0000]/g, '').replace(/(["\\])/g, '\\$1')}"`;

/**
 * Sits between the request and busboy and rewrites each part's Content-Disposition into the one
 * form busboy reads without fail (`form-data; name="…"; filename="<UTF-8>"`), after decoding it with
 * parseDisposition. busboy skips a part whose header it cannot parse without a word (RFC 5987
 * values with "(", RFC 2231 continuations, a missing header), which let an attachment vanish from
 * a 201; here such a part is refused with a 400 instead. Part bodies pass through untouched.
 */
export class MultipartHeaderTransform extends Transform {
  private readonly delimiter: Buffer;
  private pending: Buffer;
  /** The "\r\n" put in front of the body so the first boundary matches like the others. */
  private skip = 2;
  private state: 'body' | 'header' | 'epilogue' = 'body';
  private part = 0;

  constructor(boundary: string) {
    super();
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    this.pending = Buffer.from(CRLF);
  }

  /** The boundary of a multipart/form-data Content-Type, or undefined (busboy then refuses it). */
  static boundaryOf(contentType: string | undefined): string | undefined {
    const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
    return m ? (m[1] ?? m[2]) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.scan();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    this.emitBytes(this.pending);
    this.pending = Buffer.alloc(0);
    done();
  }

  private emitBytes(bytes: Buffer): void {
    if (this.skip > 0) {
      const cut = Math.min(this.skip, bytes.length);
      this.skip -= cut;
      bytes = bytes.subarray(cut);
    }
    if (bytes.length) this.push(bytes);
  }

  private scan(): void {
    for (;;) {
      if (this.state === 'epilogue') {
        this.emitBytes(this.pending);
        this.pending = Buffer.alloc(0);
        return;
      }
      if (this.state === 'body') {
        const at = this.pending.indexOf(this.delimiter);
        if (at < 0) {
          // Keep only what could be the start of a delimiter split across chunks: in a large part
          // that is seldom anything, and then the next chunk is scanned as it is, not copied.
          const keep = this.partialDelimiterAtEnd(this.pending);
          this.emitBytes(this.pending.subarray(0, this.pending.length - keep));
          this.pending = this.pending.subarray(this.pending.length - keep);
          return;
        }
        const end = at + this.delimiter.length;
        this.emitBytes(this.pending.subarray(0, end));
        this.pending = this.pending.subarray(end);
        this.state = 'header';
        continue;
      }
      // Right after a boundary: "--" ends the body; else padding, CRLF, the header block, CRLF CRLF.
      if (this.pending.length < 2) return;
      if (this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
        this.state = 'epilogue';
        continue;
      }
      const lineEnd = this.pending.indexOf(CRLF);
      if (lineEnd < 0 || this.pending.length < lineEnd + 4) return this.checkHeaderSize();
      const empty = this.pending.subarray(lineEnd + 2, lineEnd + 4).equals(CRLF);
      const blockEnd = empty ? lineEnd : this.pending.indexOf(HEADER_END, lineEnd);
      if (blockEnd < 0) return this.checkHeaderSize();
      const headers = empty ? '' : this.pending.subarray(lineEnd + 2, blockEnd).toString('utf8');
      this.emitBytes(this.pending.subarray(0, lineEnd + 2));
      this.emitBytes(Buffer.from(this.rewrite(headers), 'utf8'));
      this.emitBytes(HEADER_END);
      this.pending = this.pending.subarray(blockEnd + 4);
      this.state = 'body';
    }
  }

  /** The length of the longest end of `bytes` that is the start of a delimiter (0 if none). */
  private partialDelimiterAtEnd(bytes: Buffer): number {
    const d = this.delimiter;
    let start = Math.max(0, bytes.length - d.length + 1);
    while ((start = bytes.indexOf(d[0], start)) >= 0) {
      const n = bytes.length - start;
      if (d.compare(bytes, start, bytes.length, 0, n) === 0) return n;
      start++;
    }
    return 0;
  }

  private checkHeaderSize(): void {
    if (this.pending.length > MAX_HEADER_BYTES)
      throw new ZegelError('VALIDATION_FAILED', `Part ${this.part + 1}: its header is too large.`);
  }

  private rewrite(block: string): string {
    const part = ++this.part;
    // Unfold continuation lines (obsolete, but legal in MIME part headers).
    const lines = block.split(/\r\n(?![ \t])/).map((l) => l.replace(/\r\n[ \t]+/g, ' '));
    const index = lines.findIndex((l) => /^content-disposition\s*:/i.test(l));
    if (index < 0)
      throw new ZegelError('VALIDATION_FAILED', `Part ${part} has no Content-Disposition header.`);
    let value: { type: string; params: Map<string, string> };
    try {
      value = parseDisposition(lines[index].slice(lines[index].indexOf(':') + 1).trim());
    } catch (error) {
      if (!(error instanceof DispositionError)) throw error;
      throw new ZegelError(
        'VALIDATION_FAILED',
        `Part ${part}: its Content-Disposition cannot be read (${error.message}). Send filename="…" or filename*=UTF-8''… with %-escapes.`,
      );
    }
    const name = value.params.get('name');
    if (value.type !== 'form-data' || name === undefined)
      throw new ZegelError(
        'VALIDATION_FAILED',
        `Part ${part}: its Content-Disposition must be form-data with a name.`,
      );
    const filename = value.params.get('filename');
    lines[index] =
      `Content-Disposition: form-data; name=${quote(name)}` +
      (filename !== undefined ? `; filename=${quote(filename)}` : '');
    return lines.join('\r\n');
  }
}
