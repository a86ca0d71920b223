import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import { migrate } from '../database/migrations.runner';

const USAGE = `Usage: zegel migrate [--check]

Brings the configured database (ZEGEL_DATABASE_URL, ZEGEL_DATA_DIR) up to date, under the same lock
the server takes, so it is safe while instances run or start. Run it as a release step when the
instances are set to ZEGEL_DATABASE_MIGRATE=wait.

  --check   change nothing; exit 0 when the schema is current, 1 when migrations are pending
`;

/** `zegel migrate`: the schema as a release step. */
export async function runMigrateCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(`zegel migrate: unknown argument ${unknown[0]}\n\n${USAGE}`);
    return 64;
  }
  let config;
  try {
    // Migrating serves nothing, so the server's listening and sign-in settings do not concern it.
    config = loadConfig({ ...process.env, ZEGEL_AUTH_MODE: 'dev', ZEGEL_HOST: '127.0.0.1' });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`zegel migrate: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
  const source = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const pending = await source.showMigrations();
    if (args.includes('--check')) {
      process.stdout.write(pending ? 'migrations are pending\n' : 'the schema is current\n');
      return pending ? 1 : 0;
    }
    await migrate(source, 'auto');
    process.stdout.write(
      pending ? 'the schema is now current\n' : 'the schema was already current\n',
    );
    return 0;
  } finally {
    await source.destroy();
  }
}
