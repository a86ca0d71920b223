import { randomBytes } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import { pipeline as pipelinePromise } from 'node:stream/promises';
import { BlobStore } from './blob-store';
import { KeyStore } from './key-store';
import { PlaintextMeterTransform } from './plaintext-meter.transform';
import { open, seal } from './seal.util';
import { VaultDecryptTransform } from './vault-decrypt.transform';
import { VaultEncryptTransform } from './vault-encrypt.transform';
import { assertContext, assertDataKey, DEFAULT_CHUNK_SIZE, KEY_LENGTH } from './vault-format.util';

export interface StorePartArgs {
  /** The message's data key (from createDataKey / openDataKey). */
  key: Buffer;
  /** Where the part belongs, e.g. `<messageId>/<partName>`; the same string is needed to read it. */
  context: string;
  /** Plaintext; destroyed if the part is refused or the write fails. */
  source: Readable;
  /** Largest plaintext size accepted, in bytes. */
  maxBytes: number;
}

export interface StoredPart {
  blobId: string;
  /** Plaintext size in bytes. */
  size: number;
  /** Hex SHA-256 of the plaintext. */
  sha256: string;
}

const isPrematureClose = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_STREAM_PREMATURE_CLOSE';

/**
 * Envelope encryption of message content: one data key per message (wrapped by the key store's KEK,
 * kept by the caller in the database), parts streamed through AES-256-GCM chunks into the blob store,
 * small values sealed for database columns. Plaintext never reaches disk.
 */
export class VaultService {
  constructor(
    readonly keys: KeyStore,
    private readonly blobs: BlobStore,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
  ) {}

  /**
   * A fresh data key and its wrapped form; destroying `wrapped` destroys the message's content.
   * Works with every key store (Azure Key Vault needs a round trip).
   */
  async createDataKey(): Promise<{ key: Buffer; wrapped: string }> {
    const key = randomBytes(KEY_LENGTH);
    return { key, wrapped: await this.keys.wrapDataKey(key) };
  }

  /** The data key inside `wrapped`, under whichever KEK wrapped it. */
  openDataKey(wrapped: string): Promise<Buffer> {
    return this.keys.unwrapDataKey(wrapped);
  }

  /**
   * A key for data that lives only as long as this process needs it (the connector's spool of mail
   * that may go back to the smart host): never wrapped, never stored, gone with the process.
   */
  transientKey(): Buffer {
    return randomBytes(KEY_LENGTH);
  }

  /**
   * Encrypts `source` into a new blob while measuring the plaintext. Resolves once the blob is
   * durable; on an oversize part (ZegelError PAYLOAD_TOO_LARGE), a source error or a write error it
   * rejects and leaves no blob.
   */
  async storePart({ key, context, source, maxBytes }: StorePartArgs): Promise<StoredPart> {
    assertDataKey(key);
    assertContext(context);
    const meter = new PlaintextMeterTransform(maxBytes);
    const encrypt = new VaultEncryptTransform(key, context, this.chunkSize);
    const blobId = randomBytes(16).toString('hex');
    const [encrypted, stored] = await Promise.allSettled([
      pipelinePromise(source, meter, encrypt),
      this.blobs.write(blobId, encrypt),
    ]);
    if (encrypted.status === 'fulfilled' && stored.status === 'fulfilled') {
      return { blobId, size: meter.bytes, sha256: meter.digest() };
    }
    if (stored.status === 'fulfilled') await this.blobs.delete(blobId);
    // The cause is the first real error; "premature close" only reports that another stage failed.
    const errors = [encrypted, stored].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    throw errors.find((error) => !isPrematureClose(error)) ?? errors[0];
  }

  /** The plaintext of a part; the stream errors (VaultIntegrityError) on any tampering. */
  readPart({ key, context, blobId }: { key: Buffer; context: string; blobId: string }): Readable {
    const decrypt = new VaultDecryptTransform(key, context);
    return pipeline(this.blobs.read(blobId), decrypt, () => undefined);
  }

  /** Removes a part's blob; resolves also when it is already gone. */
  deletePart(blobId: string): Promise<void> {
    return this.blobs.delete(blobId);
  }

  seal(dek: Buffer, plaintext: Buffer | string, context: string): string {
    return seal(dek, plaintext, context);
  }

  open(dek: Buffer, sealed: string, context: string): Buffer {
    return open(dek, sealed, context);
  }
}
