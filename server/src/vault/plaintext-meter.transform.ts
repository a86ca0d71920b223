import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ZegelError } from '../common/zegel-error';

/**
 * Counts and hashes plaintext on its way to encryption, and stops it (before the excess bytes go
 * any further) once it passes `maxBytes`.
 */
export class PlaintextMeterTransform extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  constructor(private readonly maxBytes: number) {
    super();
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError('maxBytes must be a non-negative safe integer');
    }
  }

  get bytes(): number {
    return this.count;
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(data: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    if (this.count + input.length > this.maxBytes) {
      done(new ZegelError('PAYLOAD_TOO_LARGE', `The part is larger than ${this.maxBytes} bytes`));
      return;
    }
    this.count += input.length;
    this.hash.update(input);
    done(null, input);
  }
}
