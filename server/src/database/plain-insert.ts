import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { engineOf, runSql } from './sql.util';

const statements = new WeakMap<object, Map<string, string>>();

/**
 * Inserts entity rows with one plain prepared statement each, converting values as TypeORM would
 * (column transformers, engine types, JSON). For the intake's commit: TypeORM's insert builds,
 * escapes and re-reads its query on every call, which cost more than the insert itself. Columns
 * left undefined take their database default. `returning` names one column to read back (e.g. a
 * generated key); its values are returned in row order.
 */
export async function insertEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
  returning?: keyof T & string,
): Promise<unknown[]> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  let cached = statements.get(metadata);
  if (!cached) statements.set(metadata, (cached = new Map()));
  const out: unknown[] = [];
  for (const row of rows) {
    const columns = metadata.columns.filter((c) => c.getEntityValue(row) !== undefined);
    const key = `${columns.map((c) => c.databaseName).join(',')}\u0000${returning ?? ''}`;
    let sql = cached.get(key);
    if (!sql) {
      // SQL Server names what it returns before VALUES (OUTPUT); the others after (RETURNING).
      const mssql = engineOf(manager) === 'mssql';
      sql =
        `INSERT INTO "${metadata.tableName}" (${columns.map((c) => `"${c.databaseName}"`).join(', ')}) ` +
        (returning && mssql ? `OUTPUT INSERTED."${returning}" ` : '') +
        `VALUES (${columns.map(() => '?').join(', ')})` +
        (returning && !mssql ? ` RETURNING "${returning}"` : '');
      cached.set(key, sql);
    }
    const params = columns.map(
      (c) => driver.preparePersistentValue(c.getEntityValue(row), c) as unknown,
    );
    const { rows: back } = await runSql<Record<string, unknown>>(manager, sql, params);
    if (returning) out.push(back[0]?.[returning]);
  }
  return out;
}
