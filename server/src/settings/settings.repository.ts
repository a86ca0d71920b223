import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { executeUpsert } from '../database/sql.util';
import { OrganisationSettingEntity } from './organisation-setting.entity';

export interface StoredSetting<T> {
  version: number;
  value: T;
  updatedAt: Date;
  updatedBy: string;
}

/** All SQL of the organisation's settings. Writes are conditional on the version the caller read. */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DatabaseService) {}

  async get<T>(key: string, tx: EntityManager = this.db.manager): Promise<StoredSetting<T> | null> {
    const row = await tx.findOne(OrganisationSettingEntity, { where: { key } });
    return row ? { ...row, value: row.value as T } : null;
  }

  /** Writes version 1 unless the setting exists (another instance may have written it first). */
  async createIfMissing<T>(tx: EntityManager, key: string, value: T, by: string): Promise<void> {
    await executeUpsert(
      tx,
      tx
        .createQueryBuilder()
        .insert()
        .into(OrganisationSettingEntity)
        .values({ key, version: 1, value: value as never, updatedAt: new Date(), updatedBy: by })
        .orIgnore(),
    );
  }

  /**
   * Replaces the value if the stored version is still `expected`, raising it by one. Reports
   * whether this write won; a loser changes nothing.
   */
  async replace<T>(
    tx: EntityManager,
    key: string,
    expected: number,
    value: T,
    by: string,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(OrganisationSettingEntity)
      .set({
        value: value as never,
        version: expected + 1,
        updatedAt: new Date(),
        updatedBy: by,
      })
      .where('"key" = :key AND version = :expected', { key, expected })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
