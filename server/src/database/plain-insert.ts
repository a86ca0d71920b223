import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { engineOf, runSql } from './sql.util';

const statements = new WeakMap<object, Map<string, string>>();

/** One row's INSERT as plain SQL with `?` placeholders and its converted values. */
export interface InsertStatement {
  sql: string;
  params: unknown[];
}

/**
 * The INSERT `insertEntities` runs for one row, for a caller that runs it inside a larger
 * statement (a PostgreSQL data-modifying WITH).
 */
export function insertStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
  returning?: keyof T & string,
): InsertStatement {
  const metadata = manager.connection.getMetadata(entity);
  let cached = statements.get(metadata);
  if (!cached) statements.set(metadata, (cached = new Map()));
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
  const driver = manager.connection.driver;
  const params = columns.map(
    (c) => driver.preparePersistentValue(c.getEntityValue(row), c) as unknown,
  );
  return { sql, params };
}

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
  const out: unknown[] = [];
  for (const row of rows) {
    const { sql, params } = insertStatement(manager, entity, row, returning);
    const { rows: back } = await runSql<Record<string, unknown>>(manager, sql, params);
    if (returning) out.push(back[0]?.[returning]);
  }
  return out;
}
