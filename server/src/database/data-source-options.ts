import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { ZegelConfig } from '../config/config';
import { ENTITIES } from './entities';
import { parseMssqlUrl } from './mssql/mssql-url';

/**
 * One place that turns the configured database into TypeORM options. Migrations per engine are
 * generated from the entities (scripts/generate-migration.sh) and run at start under a lock
 * (migrations.runner.ts), or by `npx zegel migrate`; schema synchronisation is never used outside
 * throw-away unit tests.
 */
// Compiled migrations in dist, TypeScript sources under Jest; never the .d.ts files beside them.
const MIGRATION_FILES = __filename.endsWith('.ts') ? '*.ts' : '*.js';

/** Pooled connections per instance when the configuration names no number. */
const DEFAULT_POOL_SIZE = 10;

export function dataSourceOptions(config: Pick<ZegelConfig, 'database'>): DataSourceOptions {
  const poolSize = config.database.poolSize ?? DEFAULT_POOL_SIZE;
  const common = {
    entities: ENTITIES,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.type === 'sqlite') {
    mkdirSync(dirname(config.database.path), { recursive: true, mode: 0o700 });
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.database.path,
      migrations: [join(__dirname, 'migrations', 'sqlite', MIGRATION_FILES)],
      // WAL for concurrent readers; FULL so a commit is on disk before we answer 2xx/250 (the
      // DatabaseService switches to NORMAL and fsyncs the log itself, off the event loop: WalFlush);
      // secure_delete so a destroyed data key does not linger in free pages.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('secure_delete = ON');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  if (config.database.type === 'mssql') {
    const c = parseMssqlUrl(config.database.url);
    return {
      ...common,
      type: 'mssql',
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password,
      database: c.database,
      migrations: [join(__dirname, 'migrations', 'mssql', MIGRATION_FILES)],
      options: { ...c.options, instanceName: c.instanceName },
      pool: { max: poolSize },
      // Loaded from here rather than by TypeORM, which may sit where npm did not put `mssql`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional driver, loaded on use
      driver: require('mssql') as unknown,
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: config.database.url,
    migrations: [join(__dirname, 'migrations', 'postgres', MIGRATION_FILES)],
    extra: { max: poolSize },
  };
}
