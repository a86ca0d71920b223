import { Module } from '@nestjs/common';
import { BlobReferenceRepository } from './blob-reference.repository';
import { OrphanSweepService } from './orphan-sweep.service';
import { VaultModule } from './vault.module';

/**
 * The sweep of crash leftovers in the blob store. Apart from VaultModule because it needs the
 * database (to ask which blobs message parts refer to), which the vault itself does not.
 */
@Module({
  imports: [VaultModule],
  providers: [BlobReferenceRepository, OrphanSweepService],
  exports: [OrphanSweepService],
})
export class OrphanSweepModule {}
