/** What TypeORM's `mssql` driver (tedious) needs from `ZEGEL_DATABASE_URL=mssql://…`. */
export interface MssqlConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  database: string;
  /** Named instance (`?instanceName=`), resolved through SQL Browser instead of a port. */
  instanceName?: string;
  options: { encrypt: boolean; trustServerCertificate: boolean };
}

const FLAGS = new Set(['encrypt', 'trustServerCertificate', 'instanceName']);

function flag(value: string | null, name: string, fallback: boolean): boolean {
  if (value === null) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`ZEGEL_DATABASE_URL: ${name} must be true or false`);
}

/**
 * `mssql://user:password@host[:port]/database[?encrypt=true&trustServerCertificate=false]`.
 * Written here because tedious takes an options object, not a URL. TLS is on and the server
 * certificate is checked unless the URL turns that off in so many words: no silent downgrade.
 */
export function parseMssqlUrl(url: string): MssqlConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('ZEGEL_DATABASE_URL: not a URL');
  }
  if (parsed.protocol !== 'mssql:' && parsed.protocol !== 'sqlserver:') {
    throw new Error('ZEGEL_DATABASE_URL: must start with mssql://');
  }
  if (!parsed.hostname) throw new Error('ZEGEL_DATABASE_URL: the host is missing');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) {
    throw new Error('ZEGEL_DATABASE_URL: name one database, as mssql://host/database');
  }
  for (const key of parsed.searchParams.keys()) {
    if (!FLAGS.has(key)) throw new Error(`ZEGEL_DATABASE_URL: unknown parameter ${key}`);
  }
  const port = parsed.port ? Number(parsed.port) : 1433;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database,
    instanceName: parsed.searchParams.get('instanceName') ?? undefined,
    options: {
      encrypt: flag(parsed.searchParams.get('encrypt'), 'encrypt', true),
      trustServerCertificate: flag(
        parsed.searchParams.get('trustServerCertificate'),
        'trustServerCertificate',
        false,
      ),
    },
  };
}
