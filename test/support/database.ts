import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the repository tests use when ZEGEL_TEST_DATABASE=postgres. */
export const TEST_POSTGRES_ADMIN_URL =
  process.env.ZEGEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const testDatabaseEngine = (): 'sqlite' | 'postgres' =>
  process.env.ZEGEL_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

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
