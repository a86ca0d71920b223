import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source-options';
import { pendingSchemaChanges } from '../../server/src/database/migration-writer';
import { createPostgresDatabase, testDatabaseEngine } from '../support/database';

/**
 * The migrations build exactly the schema the entities describe, on the engine under test
 * (SQLite by default, PostgreSQL with ZEGEL_TEST_DATABASE=postgres), and can be undone.
 */
describe(`migrations (${testDatabaseEngine()})`, () => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (testDatabaseEngine() === 'postgres') {
      const db = await createPostgresDatabase();
      dataSource = new DataSource({
        ...dataSourceOptions({ database: { type: 'postgres', url: db.url, migrate: 'auto' } }),
        migrationsRun: false,
      });
      cleanup = db.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'zegel-migrate-'));
      dataSource = new DataSource({
        ...dataSourceOptions({
          database: { type: 'sqlite', path: join(dir, 'zegel.sqlite'), migrate: 'auto' },
        }),
        migrationsRun: false,
      });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await cleanup?.();
  });

  it('leave no difference between entities and schema', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
  });

  it('can be undone step by step', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.createQueryRunner().getTables(['messages', 'recipients']);
    expect(tables).toEqual([]);
    await dataSource.runMigrations();
    expect(await pendingSchemaChanges(dataSource)).toEqual({ up: [], down: [] });
  });
});
