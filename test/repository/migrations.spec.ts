import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source-options';
import { pendingSchemaChanges } from '../../server/src/database/migration-writer';
import { openTestDatabase, testDatabaseEngine } from '../support/database';

/**
 * The migrations build exactly the schema the entities describe, on the engine under test
 * (SQLite by default, PostgreSQL or SQL Server with ZEGEL_TEST_DATABASE=postgres or mssql), and
 * can be undone.
 */
describe(`migrations (${testDatabaseEngine()})`, () => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await openTestDatabase('migrate');
    dataSource = new DataSource({
      ...dataSourceOptions({ database: db.database }),
      migrationsRun: false,
    });
    cleanup = db.cleanup;
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
