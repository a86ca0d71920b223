import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
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

/** Built statements by their joins list: callers pass a constant one, so the key stays short. */
const joinStatements = new WeakMap<
  Join[],
  Map<string, { sql: string; read: ColumnMetadata[][] }>
>();

/**
 * A table to LEFT JOIN in `selectWithJoins`, its ON clause (the first row is `a.`) and, when
 * given, the only properties to read of it.
 */
export interface Join<T extends ObjectLiteral = ObjectLiteral> {
  entity: EntityTarget<T>;
  on: string;
  fields?: readonly string[];
}

/** What `selectWithJoins` adds to the rows: expressions under names, a projection of the first. */
export interface JoinOptions {
  /** Expressions on the rows (without placeholders), returned as read under their names. */
  values?: Record<string, string>;
  /** The only properties of the first row to read (all when absent). */
  fields?: readonly string[];
}

/**
 * The columns of these properties, primary columns always among them (a joined row is told from a
 * missing one by its key); all columns without a list. A property the entity lacks is a mistake in
 * the caller and fails the first query rather than reading as undefined.
 */
function selectedColumns(metadata: EntityMetadata, fields?: readonly string[]): ColumnMetadata[] {
  if (!fields) return metadata.columns;
  for (const field of fields)
    if (!metadata.findColumnWithPropertyName(field))
      throw new Error(`${metadata.name} has no column for the property ${field}`);
  return metadata.columns.filter((c) => c.isPrimary || fields.includes(c.propertyName));
}

/**
 * The first row of `first` matching `where` (its columns named `a.`), with the row each of `joins`
 * LEFT JOINs to it (named `b.`, `c.`, … in order), null for a join that finds none; null when no
 * first row matches. One query where several would cost a round trip and a statement each on the
 * hot path. `params` are in the order their `?` appear: the ON clauses' first, then the WHERE's.
 * A row read with a list of fields has only those properties (and its key) set: each column read
 * is a value made for nothing when the caller does not use it, on the path of every pickup read.
 */
export async function selectWithJoins<A extends ObjectLiteral>(
  manager: EntityManager,
  first: EntityTarget<A>,
  joins: Join[],
  where: string,
  params: unknown[],
  { values = {}, fields }: JoinOptions = {},
): Promise<{
  first: A;
  joined: (ObjectLiteral | null)[];
  values: Record<string, unknown>;
} | null> {
  const a = manager.connection.getMetadata(first);
  const others = joins.map((j) => manager.connection.getMetadata(j.entity));
  const aliases = others.map((_, i) => String.fromCharCode(98 + i)); // b, c, …
  const mssql = engineOf(manager) === 'mssql';
  let cached = joinStatements.get(joins);
  if (!cached) joinStatements.set(joins, (cached = new Map()));
  const key = `${a.tableName}\u0000${where}\u0000${Object.entries(values).join('\u0000')}\u0000${fields?.join(',') ?? '*'}`;
  let built = cached.get(key);
  if (!built) {
    const read = [
      selectedColumns(a, fields),
      ...others.map((m, i) => selectedColumns(m, joins[i].fields)),
    ];
    const columns = read
      .flatMap((list, i) => {
        const alias = i === 0 ? 'a' : aliases[i - 1];
        return list.map((c) => `${alias}."${c.databaseName}" AS "${alias}_${c.databaseName}"`);
      })
      .concat(Object.entries(values).map(([name, expr]) => `${expr} AS "v_${name}"`))
      .join(', ');
    const joined = others
      .map((m, i) => ` LEFT JOIN "${m.tableName}" ${aliases[i]} ON ${joins[i].on}`)
      .join('');
    const sql =
      `SELECT ${mssql ? 'TOP (1) ' : ''}${columns} FROM "${a.tableName}" a${joined} ` +
      `WHERE ${where}${mssql ? '' : ' LIMIT 1'}`;
    cached.set(key, (built = { sql, read }));
  }
  const { read } = built;
  const { rows } = await runSql<Record<string, unknown>>(manager, built.sql, params);
  const row = rows[0];
  if (!row) return null;
  const driver = manager.connection.driver;
  const hydrate = (
    metadata: typeof a,
    prefix: string,
    columns: ColumnMetadata[],
  ): ObjectLiteral => {
    const entity = metadata.create() as ObjectLiteral;
    for (const column of columns) {
      const value = driver.prepareHydratedValue(
        row[`${prefix}_${column.databaseName}`],
        column,
      ) as unknown;
      column.setEntityValue(entity, value);
    }
    return entity;
  };
  return {
    first: hydrate(a, 'a', read[0]) as A,
    joined: others.map((m, i) =>
      m.primaryColumns.every((c) => row[`${aliases[i]}_${c.databaseName}`] != null)
        ? hydrate(m, aliases[i], read[i + 1])
        : null,
    ),
    values: Object.fromEntries(Object.keys(values).map((name) => [name, row[`v_${name}`]])),
  };
}
