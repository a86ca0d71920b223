import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Generates a migration for one engine from the difference between the entities and the schema
 * that the existing migrations build — the same thing `typeorm migration:generate` does, without a
 * TypeScript runtime. Used by scripts/generate-migration.sh; the output is reviewed and committed.
 */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query).reverse(),
  };
}

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

export async function writeMigration(
  name: string,
  engine: 'sqlite' | 'postgres',
  target: string,
  postgresUrl?: string,
  sqlitePath?: string,
): Promise<string | null> {
  const database =
    engine === 'sqlite'
      ? ({ type: 'sqlite', path: sqlitePath!, migrate: 'auto' } as const)
      : ({ type: 'postgres', url: postgresUrl!, migrate: 'auto' } as const);
  const dataSource = new DataSource({ ...dataSourceOptions({ database }), migrationsRun: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const { up, down } = await pendingSchemaChanges(dataSource);
    if (!up.length) return null;
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    mkdirSync(join(target, engine), { recursive: true });
    const file = join(target, engine, `${timestamp}-${name}.ts`);
    writeFileSync(file, render(className, up, down));
    return file;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const [name, engine, target, location] = process.argv.slice(2);
  if (
    !name ||
    !/^[A-Z][A-Za-z0-9]+$/.test(name) ||
    (engine !== 'sqlite' && engine !== 'postgres')
  ) {
    console.error(
      'usage: migration-writer <PascalCaseName> <sqlite|postgres> <targetDir> <url|path>',
    );
    process.exit(64);
  }
  writeMigration(name, engine, target, location, location)
    .then((file) => {
      process.stdout.write(file ? `wrote ${file}\n` : `no schema changes for ${engine}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
