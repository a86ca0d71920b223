import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { runSql } from './sql.util';

const statements = new WeakMap<object, Map<string, string>>();

/**
 * `UPDATE … SET <changes> WHERE <where>` as one plain prepared statement, the values converted as
 * TypeORM would (column transformers, engine types); returns how many rows it changed. For the
 * conditional state writes that run for every message, where TypeORM's update builder cost more
 * than the statement. `where` uses `?` placeholders, filled from `params` after the changes.
 */
export async function updateWhere<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  changes: Partial<T>,
  where: string,
  params: unknown[],
): Promise<number> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((c) => c.getEntityValue(changes) !== undefined);
  if (!columns.length) throw new Error('updateWhere: nothing to change');
  let cached = statements.get(metadata);
  if (!cached) statements.set(metadata, (cached = new Map()));
  const key = `${columns.map((c) => c.databaseName).join(',')}\u0000${where}`;
  let sql = cached.get(key);
  if (!sql) {
    const set = columns.map((c) => `"${c.databaseName}" = ?`).join(', ');
    sql = `UPDATE "${metadata.tableName}" SET ${set} WHERE ${where}`;
    cached.set(key, sql);
  }
  const values = columns.map(
    (c) => driver.preparePersistentValue(c.getEntityValue(changes), c) as unknown,
  );
  return (await runSql(manager, sql, [...values, ...params])).affected;
}
