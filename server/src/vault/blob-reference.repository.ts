import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

/** Blob ids asked about per query (well under every engine's parameter limit). */
const BATCH = 500;

/**
 * Read-only: which blob ids message parts still refer to. The orphan sweep asks before it deletes a
 * blob. The table belongs to messages/; this file only reads `message_parts.blobId`, so the vault
 * does not depend on the messages module.
 */
@Injectable()
export class BlobReferenceRepository {
  constructor(private readonly db: DatabaseService) {}

  /** The subset of `blobIds` that some message part refers to. */
  async referenced(blobIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const column = `p.${this.db.dataSource.driver.escape('blobId')}`;
    for (let i = 0; i < blobIds.length; i += BATCH) {
      // The query builder writes each engine's placeholders; the column name is quoted, as the
      // migrations created it in camel case.
      const rows = await this.db.manager
        .createQueryBuilder()
        .select(column, 'blobId')
        .from('message_parts', 'p')
        .where(`${column} IN (:...ids)`, { ids: blobIds.slice(i, i + BATCH) })
        .getRawMany<{ blobId: string }>();
      for (const row of rows) found.add(row.blobId);
    }
    return found;
  }
}
