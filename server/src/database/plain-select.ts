import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { engineOf, runSql } from './sql.util';

const statements = new WeakMap<object, Map<string, string>>();

/**
 * The rows of one entity matching a `?`-placeholder WHERE clause, hydrated as TypeORM would
 * (column transformers, engine types). Plain SQL for the hot read paths (pickup, intake): TypeORM's
 * find builds and aliases its query anew on every call, which cost more than the query itself.
 */
export async function selectEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: string,
  params: unknown[],
  tail = '',
  first?: number,
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(entity);
  const mssql = engineOf(manager) === 'mssql';
  // The first n rows: SELECT TOP (n) on SQL Server, LIMIT n at the end elsewhere.
  const head = first !== undefined && mssql ? `TOP (${first}) ` : '';
  const end = first !== undefined && !mssql ? `${tail} LIMIT ${first}` : tail;
  const key = `${where}\u0000${end}\u0000${head}`;
  let cached = statements.get(metadata);
  if (!cached) statements.set(metadata, (cached = new Map()));
  let sql = cached.get(key);
  if (!sql) {
    const columns = metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
    sql = `SELECT ${head}${columns} FROM "${metadata.tableName}" WHERE ${where} ${end}`.trim();
    cached.set(key, sql);
  }
  const { rows } = await runSql<Record<string, unknown>>(manager, sql, params);
  const driver = manager.connection.driver;
  return rows.map((row) => {
    const hydrated = metadata.create() as T;
    for (const column of metadata.columns) {
      const value = driver.prepareHydratedValue(row[column.databaseName], column) as unknown;
      column.setEntityValue(hydrated, value);
    }
    return hydrated;
  });
}

/** The first row of `selectEntities`, or null. */
export async function selectEntity<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: string,
  params: unknown[],
): Promise<T | null> {
  const [row] = await selectEntities(manager, entity, where, params, '', 1);
  return row ?? null;
}

const pairStatements = new WeakMap<object, Map<string, string>>();

/**
 * The first row of `first` matching `where` (its columns named `a.`), with the row of `second` that
 * `on` joins to it (named `b.`), or null for `second` when none does; null when no first row
 * matches. One query where two would cost two round trips and two statements on the hot path.
 */
export async function selectWithJoined<A extends ObjectLiteral, B extends ObjectLiteral>(
  manager: EntityManager,
  first: EntityTarget<A>,
  second: EntityTarget<B>,
  on: string,
  where: string,
  params: unknown[],
): Promise<{ first: A; second: B | null } | null> {
  const a = manager.connection.getMetadata(first);
  const b = manager.connection.getMetadata(second);
  const mssql = engineOf(manager) === 'mssql';
  let cached = pairStatements.get(a);
  if (!cached) pairStatements.set(a, (cached = new Map()));
  const key = `${b.tableName}\u0000${on}\u0000${where}`;
  let sql = cached.get(key);
  if (!sql) {
    const columns = [
      ...a.columns.map((c) => `a."${c.databaseName}" AS "a_${c.databaseName}"`),
      ...b.columns.map((c) => `b."${c.databaseName}" AS "b_${c.databaseName}"`),
    ].join(', ');
    sql =
      `SELECT ${mssql ? 'TOP (1) ' : ''}${columns} FROM "${a.tableName}" a ` +
      `LEFT JOIN "${b.tableName}" b ON ${on} WHERE ${where}${mssql ? '' : ' LIMIT 1'}`;
    cached.set(key, sql);
  }
  const { rows } = await runSql<Record<string, unknown>>(manager, sql, params);
  const row = rows[0];
  if (!row) return null;
  const driver = manager.connection.driver;
  const hydrate = <T extends ObjectLiteral>(metadata: typeof a, prefix: string): T => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      const value = driver.prepareHydratedValue(
        row[`${prefix}_${column.databaseName}`],
        column,
      ) as unknown;
      column.setEntityValue(entity, value);
    }
    return entity;
  };
  const joined = b.primaryColumns.every((c) => row[`b_${c.databaseName}`] != null);
  return { first: hydrate<A>(a, 'a'), second: joined ? hydrate<B>(b, 'b') : null };
}
