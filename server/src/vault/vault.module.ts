import { join } from 'node:path';
import { Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { BlobStore } from './blob-store';
import { KeyStore } from './key-store';
import { openKeyStore } from './key-store.factory';
import { LocalBlobStore } from './local-blob-store.adapter';
import { openAzureBlobStore } from './azure-blob-store.factory';
import { VaultService } from './vault.service';

/** A temporary file this old is left over from a crash, not a write in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The blob store the configuration names; the embedded default is local files. */
export async function openBlobStore(config: ZegelConfig): Promise<BlobStore> {
  if (config.storage.blobStore === 'azure') return openAzureBlobStore(config.storage.azure!);
  const store = new LocalBlobStore(join(config.dataDir, 'blobs'));
  const removed = await store.removeStaleTemp(STALE_TEMP_MS);
  if (removed) new Logger('Vault').warn(`Removed ${removed} unfinished blob write(s)`);
  return store;
}

/** Closes the key store's sessions (PKCS#11) when the server stops. */
@Injectable()
class KeyStoreCloser implements OnApplicationShutdown {
  constructor(private readonly keys: KeyStore) {}

  onApplicationShutdown(): Promise<void> {
    return this.keys.close();
  }
}

/**
 * The vault: KeyStore, BlobStore and VaultService. The factories run before anything can inject
 * them, so a missing key (VaultKeyMissingError) stops the server at start.
 */
@Module({
  providers: [
    { provide: BlobStore, inject: [ZegelConfig], useFactory: openBlobStore },
    {
      provide: KeyStore,
      inject: [ZegelConfig, BlobStore],
      // vault.json lives in each instance's data directory; a shared blob store holding blobs says
      // nothing about this instance, whose keys come from the key ceremony instead.
      useFactory: async (config: ZegelConfig, blobs: BlobStore) =>
        openKeyStore(config, config.storage.blobStore === 'local' && (await blobs.hasBlobs())),
    },
    {
      provide: VaultService,
      inject: [KeyStore, BlobStore],
      useFactory: (keys: KeyStore, blobs: BlobStore) => new VaultService(keys, blobs),
    },
    KeyStoreCloser,
  ],
  exports: [VaultService, KeyStore, BlobStore],
})
export class VaultModule {}
