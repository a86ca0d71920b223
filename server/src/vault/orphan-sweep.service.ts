import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { BlobStore, type StoredEntry } from './blob-store';
import { BlobReferenceRepository } from './blob-reference.repository';
import { decideOrphan, needsReferenceCheck } from './orphan-sweep.rules';

/** Entries checked against the database at once. */
const BATCH = 500;

export interface OrphanSweepResult {
  deletedBlobs: number;
  removedTemp: number;
}

/**
 * Removes what a crash (SIGKILL, power loss) leaves in the blob store: ciphertext blobs that no
 * message part refers to, because the message's transaction never committed, and temporary files of
 * writes that never finished. Runs at start and then every `ZEGEL_ORPHAN_SWEEP_MINUTES`.
 *
 * Anything written within `ZEGEL_ORPHAN_MIN_AGE_MINUTES` is left alone: an upload in progress here
 * or in another instance stores its parts before its message row commits. Several instances may
 * sweep at once: each delete is idempotent and only hits blobs that nothing refers to.
 */
@Injectable()
export class OrphanSweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('orphan-sweep');
  private timer?: NodeJS.Timeout;
  private running: Promise<OrphanSweepResult> | null = null;

  constructor(
    private readonly config: ZegelConfig,
    private readonly blobs: BlobStore,
    private readonly references: BlobReferenceRepository,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    const every = this.config.storage.orphanSweepMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.sweep(), every);
      this.timer.unref();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; concurrent calls share the pass in progress. Failures are logged, not thrown. */
  sweep(now = Date.now()): Promise<OrphanSweepResult> {
    this.running ??= this.pass(now)
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'orphan sweep failed');
        return { deletedBlobs: 0, removedTemp: 0 };
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(now: number): Promise<OrphanSweepResult> {
    const minAge = this.config.storage.orphanMinAgeMs;
    const result: OrphanSweepResult = { deletedBlobs: 0, removedTemp: 0 };
    let batch: StoredEntry[] = [];
    const flush = async () => {
      const ids = batch.filter((e) => needsReferenceCheck(e, now, minAge)).map((e) => e.blobId);
      const referenced = ids.length ? await this.references.referenced(ids) : new Set<string>();
      for (const entry of batch) {
        const check = needsReferenceCheck(entry, now, minAge);
        const decision = decideOrphan(
          entry,
          now,
          minAge,
          check ? referenced.has(entry.blobId) : undefined,
        );
        if (decision === 'delete-blob') {
          await this.blobs.delete(entry.blobId);
          result.deletedBlobs++;
        } else if (decision === 'remove-temp') {
          await this.blobs.removeTemp(entry);
          result.removedTemp++;
        }
      }
      batch = [];
    };
    for await (const entry of this.blobs.list()) {
      batch.push(entry);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (result.deletedBlobs || result.removedTemp) {
      this.logger.warn(
        `Removed ${result.deletedBlobs} orphan blob(s) and ${result.removedTemp} unfinished write(s)`,
      );
    }
    return result;
  }
}
