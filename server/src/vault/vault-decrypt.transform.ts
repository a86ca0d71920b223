import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  aadPrefix,
  assertContext,
  assertDataKey,
  chunkAad,
  chunkNonce,
  dataKeyId,
  decodeHeader,
  deriveChunkKey,
  HEADER_LENGTH,
  TAG_LENGTH,
} from './vault-format.util';
import { VaultIntegrityError } from './vault.errors';

/**
 * Vault blob in, plaintext out. Each chunk is verified (GCM tag) before any of its plaintext is
 * pushed, so a consumer never sees unauthenticated bytes; any failure destroys the stream with a
 * VaultIntegrityError.
 */
export class VaultDecryptTransform extends Transform {
  private readonly key: Buffer;
  private readonly context: string;
  private headerBytes = Buffer.alloc(0);
  private chunkKey?: Buffer;
  private noncePrefix?: Buffer;
  private aadPrefix?: Buffer;
  private frame?: Buffer;
  private filled = 0;
  private index = 0;

  constructor(key: Buffer, context: string) {
    super();
    assertDataKey(key);
    assertContext(context);
    this.key = Buffer.from(key);
    this.context = context;
  }

  override _transform(data: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      let input = typeof data === 'string' ? Buffer.from(data) : data;
      if (!this.frame) {
        const needed = HEADER_LENGTH - this.headerBytes.length;
        this.headerBytes = Buffer.concat([this.headerBytes, input.subarray(0, needed)]);
        input = input.subarray(needed);
        if (this.headerBytes.length < HEADER_LENGTH) return done();
        this.start();
      }
      const frame = this.frame!;
      let offset = 0;
      while (offset < input.length) {
        // A full frame is only known not to be the last once more bytes follow it.
        if (this.filled === frame.length) {
          this.push(this.open(frame, false));
          this.filled = 0;
        }
        const copied = input.copy(frame, this.filled, offset);
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
      if (!this.frame) {
        throw new VaultIntegrityError('Vault blob is truncated: the header is incomplete');
      }
      if (this.filled < TAG_LENGTH) {
        throw new VaultIntegrityError(`Vault blob is truncated at chunk ${this.index}`, this.index);
      }
      this.push(this.open(this.frame.subarray(0, this.filled), true));
      this.wipe();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void) {
    this.wipe();
    done(error);
  }

  private start() {
    const header = decodeHeader(this.headerBytes);
    const expected = dataKeyId(this.key);
    if (!timingSafeEqual(expected, header.keyId)) {
      throw new VaultIntegrityError(
        'Vault blob was not encrypted with this data key (wrong key, or the header was altered)',
      );
    }
    this.chunkKey = deriveChunkKey(this.key, header.salt);
    this.noncePrefix = header.noncePrefix;
    this.aadPrefix = aadPrefix(header.raw, this.context);
    this.frame = Buffer.alloc(header.chunkSize + TAG_LENGTH);
  }

  private open(frame: Buffer, final: boolean): Buffer {
    const index = this.index++;
    const body = frame.subarray(0, frame.length - TAG_LENGTH);
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.chunkKey!,
      chunkNonce(this.noncePrefix!, index),
    );
    decipher.setAAD(chunkAad(this.aadPrefix!, index, final));
    decipher.setAuthTag(frame.subarray(frame.length - TAG_LENGTH));
    const plaintext = decipher.update(body);
    try {
      decipher.final();
    } catch {
      plaintext.fill(0);
      throw new VaultIntegrityError(
        `Vault blob failed authentication at chunk ${index}: altered, truncated, reordered, ` +
          'extended, or opened with the wrong context',
        index,
      );
    }
    return plaintext;
  }

  private wipe() {
    this.key.fill(0);
    this.chunkKey?.fill(0);
    this.frame?.fill(0);
  }
}
