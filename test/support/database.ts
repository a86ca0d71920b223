import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { ZegelConfig } from '../../server/src/config/config';
import { dataSourceOptions } from '../../server/src/database/data-source-options';
import { DatabaseService } from '../../server/src/database/database.service';
import { parseMssqlUrl } from '../../server/src/database/mssql/mssql-url';

/** The PostgreSQL server the repository tests use when ZEGEL_TEST_DATABASE=postgres. */
export const TEST_POSTGRES_ADMIN_URL =
  process.env.ZEGEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** What the tests use of the `mssql` package (it ships no types). */
interface MssqlModule {
  connect(config: Record<string, unknown>): Promise<{
    request(): { batch(sql: string): Promise<unknown> };
    close(): Promise<void>;
  }>;
}

/** The SQL Server the tests use when ZEGEL_TEST_DATABASE=mssql (npm run test:mssql); no default. */
export const TEST_MSSQL_URL = process.env.ZEGEL_TEST_MSSQL_URL;

export const testDatabaseEngine = (): 'sqlite' | 'postgres' | 'mssql' => {
  const engine = process.env.ZEGEL_TEST_DATABASE;
  return engine === 'postgres' || engine === 'mssql' ? engine : 'sqlite';
};

/**
 * A fresh, empty database on the server engine under test (PostgreSQL or SQL Server) for one
 * test file; `drop` removes it again.
 */
export function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return testDatabaseEngine() === 'mssql' ? createMssqlDatabase() : createPostgresDatabase();
}

/** A fresh SQL Server database on the server of ZEGEL_TEST_MSSQL_URL (whose own database is ignored). */
export async function createMssqlDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_MSSQL_URL) throw new Error('ZEGEL_TEST_MSSQL_URL is not set');
  const name = `zegel_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const url = new URL(TEST_MSSQL_URL);
    url.pathname = '/master';
    const c = parseMssqlUrl(url.toString());
    // The server's driver, from where npm put it for the server workspace.
    const driver = require.resolve('mssql', { paths: [join(__dirname, '..', '..', 'server')] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for SQL Server
    const mssql = require(driver) as MssqlModule;
    const pool = await mssql.connect({
      server: c.host,
      port: c.port,
      user: c.username,
      password: c.password,
      database: 'master',
      options: { ...c.options, instanceName: c.instanceName },
    });
    try {
      await pool.request().batch(sql);
    } finally {
      await pool.close();
    }
  };
  await admin(`CREATE DATABASE [${name}]`);
  const url = new URL(TEST_MSSQL_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin(
        `ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}]`,
      ),
  };
}

/**
 * The database for one repository test file on the engine under test, as the configuration
 * describes it: a file in a temporary directory on SQLite, a fresh database on the servers.
 */
export async function openTestDatabase(
  prefix: string,
): Promise<{ database: ZegelConfig['database']; cleanup(): Promise<void> }> {
  const engine = testDatabaseEngine();
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `zegel-${prefix}-`));
    return {
      database: { type: 'sqlite', path: join(dir, 'zegel.sqlite'), migrate: 'auto' },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await createServerDatabase();
  return { database: { type: engine, url: db.url, migrate: 'auto' }, cleanup: db.drop };
}

/**
 * A fresh database on the engine under test with every migration run, as the repository tests use
 * it: `db` for the repositories, `close()` to disconnect and remove it.
 */
export async function openMigratedDatabase(
  prefix: string,
): Promise<{ db: DatabaseService; close(): Promise<void> }> {
  const test = await openTestDatabase(prefix);
  const dataSource = new DataSource(dataSourceOptions({ database: test.database }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await test.cleanup();
    throw error;
  }
  const db = new DatabaseService(dataSource);
  return {
    db,
    close: async () => {
      await db.beforeApplicationShutdown();
      await dataSource.destroy();
      await test.cleanup();
    },
  };
}

/** A fresh, empty PostgreSQL database for one test file; `drop` removes it again. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zegel_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
