/**
 * Stored content failed authentication: altered, truncated, reordered, appended to, moved to another
 * message or part, or opened with the wrong key. Never a reason to retry or to fall back.
 */
export class VaultIntegrityError extends Error {
  constructor(
    message: string,
    readonly chunkIndex?: number,
  ) {
    super(message);
    this.name = 'VaultIntegrityError';
  }
}

/**
 * A key that encrypted data depends on is not where it should be. The server must not start (or
 * carry on) without it, and must never replace it with a fresh key.
 */
export class VaultKeyMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultKeyMissingError';
  }
}

/** The blob store has no blob under this id (deleted, expired, or never written). */
export class BlobNotFoundError extends Error {
  constructor(readonly blobId: string) {
    super(`Blob ${blobId} not found`);
    this.name = 'BlobNotFoundError';
  }
}
