import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { executeUpsert } from '../../database/sql.util';
import { ClassificationEntity } from './classification.entity';

/** All SQL of the classifications. Changes are conditional on the version the caller read. */
@Injectable()
export class ClassificationRepository {
  constructor(private readonly db: DatabaseService) {}

  list(manager: EntityManager = this.db.manager): Promise<ClassificationEntity[]> {
    return manager.find(ClassificationEntity, { order: { position: 'ASC', id: 'ASC' } });
  }

  get(tx: EntityManager, id: string): Promise<ClassificationEntity | null> {
    return tx.findOne(ClassificationEntity, { where: { id } });
  }

  /** Inserts rows whose id is not there yet (the first-start defaults); reports how many. */
  async insertMissing(tx: EntityManager, rows: ClassificationEntity[]): Promise<number> {
    let added = 0;
    for (const row of rows) {
      added += await executeUpsert(
        tx,
        tx.createQueryBuilder().insert().into(ClassificationEntity).values(row).orIgnore(),
      );
    }
    return added;
  }

  /** Writes the fields if the row is still at `version`; reports whether it was. */
  async update(
    tx: EntityManager,
    id: string,
    version: number,
    fields: Partial<ClassificationEntity>,
  ): Promise<boolean> {
    const result = await tx.update(
      ClassificationEntity,
      { id, version },
      { ...fields, version: version + 1 },
    );
    return (result.affected ?? 0) > 0;
  }

  async remove(tx: EntityManager, id: string, version: number): Promise<boolean> {
    const result = await tx.delete(ClassificationEntity, { id, version, builtIn: false });
    return (result.affected ?? 0) > 0;
  }
}
