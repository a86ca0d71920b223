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
 * Takes a named exclusive lock (the migration lock, a leader lock) for the transaction it runs in:
 * waits up to the second parameter in milliseconds (0: not at all); the result is >= 0 when held.
 * The lock goes with the transaction's commit or rollback, or when its connection dies, as a
 * PostgreSQL advisory lock goes with its session. Transaction-owned because TypeORM's mssql query
 * runner sends statements outside a transaction to any connection of its pool: a session lock
 * could be taken on one connection and released on another.
 */
export const mssqlAppLock = (): string =>
  `DECLARE @r int; EXEC @r = sp_getapplock @Resource = ?, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = ?; SELECT @r AS result`;
