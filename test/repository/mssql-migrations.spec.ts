import { Parser } from 'node-sql-parser';
import type { EntityMetadata } from 'typeorm';
import { SqlServerSchema1796026950000 } from '../../server/src/database/migrations/mssql/1796026950000-SqlServerSchema';
import { mssqlRecorder, type MssqlRecorder } from '../support/mssql-recorder';

/**
 * The SQL Server migration, without a SQL Server: its statements parse as T-SQL and build what
 * the entities describe (every table, column, length, nullability, primary key and index), the
 * same schema the PostgreSQL and SQLite migrations build. Whether a real server accepts them is
 * for `npm run test:mssql`.
 */
describe('SQL Server migration (offline)', () => {
  let rec: MssqlRecorder;
  let statements: string[];

  beforeAll(async () => {
    rec = await mssqlRecorder();
    const runner = rec.dataSource.createQueryRunner();
    await new SqlServerSchema1796026950000().up(runner);
    statements = rec.queries.map((q) => q.sql);
  });

  const createTable = (table: string) => {
    const found = statements.find((s) => s.startsWith(`CREATE TABLE "${table}" (`));
    if (!found) throw new Error(`no CREATE TABLE "${table}"`);
    return found;
  };
  const columnLine = (table: string, column: string) =>
    createTable(table)
      .split('\n')
      .map((l) => l.trim().replace(/,$/, ''))
      .find((l) => l.startsWith(`"${column}" `));

  it('parses as T-SQL, statement by statement', () => {
    const parser = new Parser();
    expect(statements.length).toBeGreaterThan(40);
    const broken = statements.flatMap((s) => {
      try {
        // Named column defaults (CONSTRAINT "DF_…" DEFAULT 1) are T-SQL the parser does not know.
        parser.astify(s.replace(/ CONSTRAINT "DF_\w+" DEFAULT /g, ' DEFAULT '), {
          database: 'transactsql',
        });
        return [];
      } catch (error) {
        return [`${s.slice(0, 80)}: ${(error as Error).message.slice(0, 120)}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('has every table and column of the entities, with their lengths and nullability', () => {
    const problems: string[] = [];
    for (const meta of rec.dataSource.entityMetadatas) {
      for (const column of meta.columns) {
        const line = columnLine(meta.tableName, column.databaseName);
        if (!line) {
          problems.push(`${meta.tableName}.${column.databaseName} is missing`);
          continue;
        }
        const nullable = !/NOT NULL$/.test(line);
        if (nullable !== column.isNullable)
          problems.push(`${meta.tableName}.${column.databaseName}: nullable ${nullable}`);
        const expected = sqlServerType(column.type, column.length);
        if (!line.includes(` ${expected}`))
          problems.push(`${meta.tableName}.${column.databaseName}: ${line} is not ${expected}`);
      }
      const columns = createTable(meta.tableName)
        .split('\n')
        .filter((l) => /^\s*"\w+" /.test(l)).length;
      if (columns !== meta.columns.length)
        problems.push(`${meta.tableName}: ${columns} columns for ${meta.columns.length}`);
    }
    expect(problems).toEqual([]);
  });

  it('compares text in binary, case-sensitively, as PostgreSQL and SQLite do', () => {
    const text = statements.join('\n').match(/ nvarchar\([^)]+\)( COLLATE \w+)?/g) ?? [];
    expect(text.length).toBeGreaterThan(100);
    expect(text.filter((t) => !t.endsWith('COLLATE Latin1_General_100_BIN2'))).toEqual([]);
  });

  it('has the primary keys and indexes of the entities, under the same names', () => {
    const problems: string[] = [];
    for (const meta of rec.dataSource.entityMetadatas) {
      const pk = meta.primaryColumns.map((c) => `"${c.databaseName}"`).join(', ');
      if (!createTable(meta.tableName).includes(`PRIMARY KEY (${pk})`))
        problems.push(`${meta.tableName}: primary key (${pk})`);
      for (const index of meta.indices) problems.push(...indexProblems(meta, index));
    }
    expect(problems).toEqual([]);
    expect(statements.filter((s) => s.startsWith('CREATE ')).length).toBe(
      rec.dataSource.entityMetadatas.reduce((n, m) => n + 1 + m.indices.length, 0),
    );
  });

  it('lets a unique index over a nullable column hold many NULLs, as PostgreSQL does', () => {
    expect(statements).toContain(
      'CREATE UNIQUE INDEX "IDX_dab69c3dbd7a7b94e4072a0930" ON "evidence_events" ("leafIndex") WHERE "leafIndex" IS NOT NULL',
    );
  });

  it('numbers the evidence log in the database (IDENTITY), so instances append without waiting', () => {
    expect(columnLine('evidence_events', 'seq')).toBe('"seq" int IDENTITY(1,1) NOT NULL');
  });

  function indexProblems(meta: EntityMetadata, index: EntityMetadata['indices'][number]) {
    const name = index.name;
    const statement = statements.find((s) => s.includes(`INDEX "${name}" ON`));
    if (!statement) return [`${meta.tableName}: index ${name} is missing`];
    const columns = index.columns.map((c) => `"${c.databaseName}"`).join(', ');
    const head = `CREATE ${index.isUnique ? 'UNIQUE ' : ''}INDEX "${name}" ON "${meta.tableName}" (${columns})`;
    return statement.startsWith(head) ? [] : [`${statement} is not ${head}`];
  }
});

/** The SQL Server column type the migration must give an entity column. */
function sqlServerType(type: unknown, length: string): string {
  if (type === 'varchar') return `nvarchar(${length})`;
  if (type === 'text' || type === 'simple-json') return 'nvarchar(max)';
  if (type === 'int' || type === 'integer') return 'int';
  if (type === 'bigint') return 'bigint';
  if (type === Boolean) return 'bit';
  return `unknown type ${String(type)}`;
}
