import { createCipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  aadPrefix,
  assertContext,
  assertDataKey,
  chunkAad,
  chunkNonce,
  DEFAULT_CHUNK_SIZE,
  deriveChunkKey,
  encodeHeader,
  newHeaderFields,
} from './vault-format.util';

/**
 * Plaintext in, vault blob out (docs/vault-format.md). Holds at most one chunk of plaintext: a full
 * chunk waits until more input arrives (then it is not the last) or the input ends (then it is).
 */
export class VaultEncryptTransform extends Transform {
  private readonly chunkKey: Buffer;
  private readonly noncePrefix: Buffer;
  private readonly aadPrefix: Buffer;
  private readonly header: Buffer;
  private readonly pending: Buffer;
  private filled = 0;
  private index = 0;
  private headerSent = false;

  constructor(key: Buffer, context: string, chunkSize = DEFAULT_CHUNK_SIZE) {
    super();
    assertDataKey(key);
    assertContext(context);
    const fields = newHeaderFields(key, chunkSize, randomBytes);
    this.header = encodeHeader(fields);
    this.chunkKey = deriveChunkKey(key, fields.salt);
    this.noncePrefix = fields.noncePrefix;
    this.aadPrefix = aadPrefix(this.header, context);
    this.pending = Buffer.alloc(chunkSize);
  }

  override _transform(data: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      const input = typeof data === 'string' ? Buffer.from(data) : data;
      this.sendHeader();
      let offset = 0;
      while (offset < input.length) {
        if (this.filled === this.pending.length) {
          this.seal(this.pending, false);
          this.filled = 0;
        }
        const copied = input.copy(this.pending, this.filled, offset);
        this.filled += copied;
        offset += copied;
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback) {
    try {
      this.sendHeader();
      this.seal(this.pending.subarray(0, this.filled), true);
      this.pending.fill(0);
      this.chunkKey.fill(0);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void) {
    this.pending.fill(0);
    this.chunkKey.fill(0);
    done(error);
  }

  private sendHeader() {
    if (this.headerSent) return;
    this.headerSent = true;
    this.push(this.header);
  }

  /**
   * Encrypts one chunk and pushes its ciphertext and then its tag: two pushes instead of one
   * concatenated copy of every chunk (the sink gathers them into one write anyway).
   */
  private seal(plaintext: Buffer, final: boolean): void {
    const index = this.index++;
    const cipher = createCipheriv(
      'aes-256-gcm',
      this.chunkKey,
      chunkNonce(this.noncePrefix, index),
    );
    cipher.setAAD(chunkAad(this.aadPrefix, index, final));
    this.push(cipher.update(plaintext));
    cipher.final();
    this.push(cipher.getAuthTag());
  }
}
