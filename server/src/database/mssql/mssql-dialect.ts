/**
 * SQL Server's spelling of what sql.util.ts writes for SQLite and PostgreSQL: the database clock
 * as fixed-width ISO 8601 text, `@0 @1 …` placeholders (TypeORM's mssql driver), and named locks
 * with `sp_getapplock` where PostgreSQL takes advisory locks.
 */

/** `isoNowPlus` on SQL Server: UTC clock plus a millisecond offset given as a placeholder. */
export const mssqlIsoNowPlus = (): string =>
  `(CONVERT(varchar(23), CAST(DATEADD(millisecond, ?, SYSUTCDATETIME()) AS datetime2(3)), 126) + 'Z')`;

export const mssqlIsoNow = (): string =>
  `(CONVERT(varchar(23), CAST(SYSUTCDATETIME() AS datetime2(3)), 126) + 'Z')`;

/** `?` placeholders as the mssql driver's `@0, @1, …`. No `?` may appear in the SQL otherwise. */
export function mssqlPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `@${n++}`);
}

/**
 * Takes a named exclusive lock for the session (the migration lock, a leader lock): waits up to
 * `timeoutMs`; the result is >= 0 when held. Released by `mssqlReleaseAppLock` or when the
 * connection closes, as a PostgreSQL advisory lock is.
 */
export const mssqlAppLock = (): string =>
  `DECLARE @r int; EXEC @r = sp_getapplock @Resource = ?, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = ?; SELECT @r AS result`;

export const mssqlReleaseAppLock = (): string =>
  `EXEC sp_releaseapplock @Resource = ?, @LockOwner = 'Session'`;
