import { Transform, type TransformCallback } from 'node:stream';
import { headerBlockLength, parseHeaderBlock, type HeaderMap } from './header-block.util';
import { SizeExceededError } from './smtp-phase.util';

/** Headers larger than this are refused; real mail stays far below it. */
export const MAX_HEADER_BYTES = 1024 * 1024;

export class HeaderTooLargeError extends Error {
  constructor() {
    super('header block too large');
  }
}

/**
 * Passes the message through unchanged while counting it (erroring past `maxBytes`). It holds the
 * first bytes back until the header block is complete, hands the parsed headers to `onHeaders`
 * (which may throw to refuse the message, or attach another destination before any byte flows),
 * then releases them. Only the header block is ever buffered.
 */
export class SniffTransform extends Transform {
  bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private released = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onHeaders: (headers: HeaderMap) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new SizeExceededError(this.maxBytes));
    if (this.released) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    const all = Buffer.concat(this.head);
    this.head = [all];
    const end = headerBlockLength(all);
    if (end === -1) {
      return done(this.headBytes > MAX_HEADER_BYTES ? new HeaderTooLargeError() : null);
    }
    this.release(all, end, done);
  }

  override _flush(done: TransformCallback): void {
    if (this.released) return done();
    const all = Buffer.concat(this.head);
    // A message that is only headers: the whole of it is the header block.
    this.release(all, all.length, done);
  }

  private release(all: Buffer, end: number, done: TransformCallback): void {
    try {
      this.onHeaders(parseHeaderBlock(all.subarray(0, end).toString('latin1')));
    } catch (error) {
      return done(error as Error);
    }
    this.released = true;
    this.head = [];
    done(null, all);
  }
}
