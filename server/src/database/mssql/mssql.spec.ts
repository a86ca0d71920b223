import type { SqlServerConnectionOptions } from 'typeorm/driver/sqlserver/SqlServerConnectionOptions';
import { loadConfig } from '../../config/config';
import { dataSourceOptions } from '../data-source-options';
import { mssqlClaimJobs, mssqlTakeOutbox } from './job.mssql';
import { mssqlAppLock, mssqlIsoNowPlus, mssqlPlaceholders } from './mssql-dialect';
import { parseMssqlUrl } from './mssql-url';

describe('SQL Server connection strings', () => {
  it('reads user, password, host, port and database, with TLS verified by default', () => {
    expect(parseMssqlUrl('mssql://zegel:p%40ss%3Aword@sql.example.nl:14330/zegel')).toEqual({
      host: 'sql.example.nl',
      port: 14330,
      username: 'zegel',
      password: 'p@ss:word',
      database: 'zegel',
      instanceName: undefined,
      options: { encrypt: true, trustServerCertificate: false },
    });
    expect(parseMssqlUrl('mssql://sql/zegel').port).toBe(1433);
  });

  it('turns TLS checks off only when the URL says so in so many words', () => {
    const lab = parseMssqlUrl('mssql://sa:x@127.0.0.1/zegel?trustServerCertificate=true');
    expect(lab.options).toEqual({ encrypt: true, trustServerCertificate: true });
    expect(() => parseMssqlUrl('mssql://h/db?encrypt=no')).toThrow(/encrypt must be true or false/);
  });

  it('refuses malformed and hostile URLs with a clear message', () => {
    expect(() => parseMssqlUrl('mssql://')).toThrow(/not a URL|host/);
    expect(() => parseMssqlUrl('mssql://host')).toThrow(/name one database/);
    expect(() => parseMssqlUrl('mssql://host/a/b')).toThrow(/name one database/);
    expect(() => parseMssqlUrl('mssql://host/db?TrustServerCertificate=yes')).toThrow(
      /unknown parameter TrustServerCertificate/,
    );
    expect(() => parseMssqlUrl('postgres://host/db')).toThrow(/mssql:\/\//);
  });

  it('is accepted by the configuration with the mssql driver installed, after its own checks', () => {
    const load = (url: string) => () =>
      loadConfig({ ZEGEL_AUTH_MODE: 'dev', ZEGEL_DATABASE_URL: url }, '/tmp');
    expect(load('mssql://zegel:x@sql.example.nl/zegel')().database).toEqual({
      type: 'mssql',
      url: 'mssql://zegel:x@sql.example.nl/zegel',
      migrate: 'auto',
      poolSize: 10,
    });
    expect(load('mssql://h/db?encrypt=maybe')).toThrow(/encrypt must be true or false/);
  });

  it('becomes TypeORM options for the mssql driver with TLS checked and its own migrations', () => {
    const options = dataSourceOptions({
      database: {
        type: 'mssql',
        url: 'mssql://zegel:x@sql.example.nl:14330/zegel',
        migrate: 'auto',
      },
    }) as SqlServerConnectionOptions;
    expect(options).toMatchObject({
      type: 'mssql',
      host: 'sql.example.nl',
      port: 14330,
      username: 'zegel',
      password: 'x',
      database: 'zegel',
      options: { encrypt: true, trustServerCertificate: false },
      synchronize: false,
    });
    expect(String(options.migrations)).toMatch(/migrations[/\\]mssql[/\\]\*\.ts$/);
  });
});

describe('SQL Server query shapes', () => {
  /** Every `@n` in order, and no `?` left. */
  const params = (sql: string) => [...sql.matchAll(/@(\d+)/g)].map((m) => Number(m[1]));

  it('numbers placeholders in order', () => {
    expect(mssqlPlaceholders('a = ? AND b IN (?, ?)')).toBe('a = @0 AND b IN (@1, @2)');
  });

  it('claims jobs with UPDLOCK, READPAST instead of SKIP LOCKED, TOP and OUTPUT', () => {
    const { sql } = mssqlClaimJobs(3);
    expect(sql).toContain('WITH (UPDLOCK, READPAST, ROWLOCK)');
    expect(sql).toMatch(/SELECT TOP \(@0\)/);
    expect(sql).toContain('OUTPUT INSERTED.id');
    expect(sql).not.toMatch(/SKIP LOCKED|RETURNING|LIMIT|\?/);
    // limit, three types, lease, lease length: six parameters, each once, in order.
    expect(params(sql)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sql).toMatch(/type IN \(@1, @2, @3\)/);
  });

  it('reads the outbox with READPAST, so relays on several instances take different rows', () => {
    const sql = mssqlTakeOutbox();
    expect(sql).toContain('WITH (UPDLOCK, READPAST, ROWLOCK)');
    expect(params(sql)).toEqual([0]);
  });

  it('writes times as the same fixed-width ISO text as the other engines', () => {
    expect(mssqlIsoNowPlus()).toContain('datetime2(3)), 126)');
    expect(mssqlIsoNowPlus()).toContain("+ 'Z'");
  });

  it('takes named locks with sp_getapplock where PostgreSQL takes advisory locks', () => {
    const sql = mssqlPlaceholders(mssqlAppLock());
    expect(sql).toContain("sp_getapplock @Resource = @0, @LockMode = 'Exclusive'");
    // Owned by the transaction: TypeORM's pool would give a session lock to any connection.
    expect(sql).toContain("@LockOwner = 'Transaction', @LockTimeout = @1");
  });
});
