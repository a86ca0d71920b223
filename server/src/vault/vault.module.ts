import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { BlobStore } from './blob-store';
import { KeyStore } from './key-store.adapter';
import { LocalBlobStore } from './local-blob-store.adapter';
import { VaultService } from './vault.service';

/** A temporary file this old is left over from a crash, not a write in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * The vault: KeyStore, BlobStore and VaultService. The factories run before anything can inject
 * them, so a missing key (VaultKeyMissingError) stops the server at start.
 */
@Module({
  providers: [
    {
      provide: LocalBlobStore,
      inject: [ZegelConfig],
      useFactory: async (config: ZegelConfig) => {
        const store = new LocalBlobStore(join(config.dataDir, 'blobs'));
        const removed = await store.removeStaleTemp(STALE_TEMP_MS);
        if (removed) new Logger('Vault').warn(`Removed ${removed} unfinished blob write(s)`);
        return store;
      },
    },
    { provide: BlobStore, useExisting: LocalBlobStore },
    {
      provide: KeyStore,
      inject: [ZegelConfig, LocalBlobStore],
      useFactory: async (config: ZegelConfig, blobs: LocalBlobStore) =>
        KeyStore.open(config.keyDir, config.dataDir, await blobs.hasBlobs()),
    },
    {
      provide: VaultService,
      inject: [KeyStore, BlobStore],
      useFactory: (keys: KeyStore, blobs: BlobStore) => new VaultService(keys, blobs),
    },
  ],
  exports: [VaultService, KeyStore, BlobStore],
})
export class VaultModule {}
