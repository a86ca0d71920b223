import { Parser } from 'node-sql-parser';

const parser = new Parser();

/**
 * What every statement sent to SQL Server must look like, as a list of problems (empty when
 * fine): only `@0, @1, …` placeholders, each used and numbered in order, as many as there are
 * parameters; none of the PostgreSQL or SQLite spellings that SQL Server rejects; no bare T-SQL
 * reserved word where Zegel has a column of that name. Statements that node-sql-parser's T-SQL
 * grammar knows are parsed with it; it knows neither MERGE nor OUTPUT, so those are checked by
 * their shape (and the rest of an UPDATE/INSERT … OUTPUT statement is parsed without its OUTPUT).
 */
export function mssqlProblems(sql: string, params: unknown[]): string[] {
  const problems: string[] = [];
  const text = withoutStrings(sql);
  if (text.includes('?')) problems.push('a ? placeholder is left');
  if (/\$\d/.test(text)) problems.push('a PostgreSQL $n placeholder');
  const used = [...new Set([...text.matchAll(/@(\d+)\b/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  const expected = Array.from({ length: params.length }, (_, i) => i);
  if (JSON.stringify(used) !== JSON.stringify(expected))
    problems.push(`placeholders @${used.join(',@')} for ${params.length} parameters`);
  const forbidden: [RegExp, string][] = [
    [/\bLIMIT\b/i, 'LIMIT (SQL Server says TOP or OFFSET … FETCH)'],
    [/\bRETURNING\b/i, 'RETURNING (SQL Server says OUTPUT)'],
    [/\bON CONFLICT\b/i, 'ON CONFLICT (SQL Server says MERGE)'],
    [
      /\bSKIP LOCKED\b|\bFOR UPDATE\b/i,
      'FOR UPDATE / SKIP LOCKED (SQL Server says UPDLOCK, READPAST)',
    ],
    [/::/, 'a PostgreSQL :: cast'],
    [/\|\|/, 'a || concatenation'],
    [/\b(strftime|clock_timestamp|to_char|hashtext|pg_\w+)\s*\(/i, 'a SQLite/PostgreSQL function'],
    [/\bexcluded\./i, 'excluded. (an upsert of the other engines)'],
    [/\b(true|false)\b/i, 'a boolean literal (SQL Server has bit 1/0)'],
    [/(?<!["[.\w])\b(key|index)\b(?!["\]])(?!\s+(ON|"IDX_))/i, 'a bare reserved word as a column'],
  ];
  for (const [pattern, what] of forbidden) if (pattern.test(text)) problems.push(what);
  problems.push(...grammarProblems(sql));
  return problems;
}

function grammarProblems(sql: string): string[] {
  const trimmed = sql.trim();
  if (/^MERGE\b/i.test(trimmed)) {
    const problems: string[] = [];
    if (!/^MERGE INTO \S+ WITH \(HOLDLOCK\)/i.test(trimmed))
      problems.push('MERGE without HOLDLOCK races');
    if (!/;\s*$/.test(trimmed)) problems.push('MERGE must end with a semicolon');
    if (!/\bWHEN NOT MATCHED THEN INSERT\b/i.test(trimmed)) problems.push('MERGE inserts nothing');
    return problems;
  }
  if (/^DECLARE @r int; EXEC @r = sp_getapplock /.test(trimmed)) return [];
  // OUTPUT INSERTED.… is valid T-SQL node-sql-parser does not know: parse the rest.
  // node-sql-parser reads `TOP (@0) o.id` as an alias; `TOP (1)` is the same grammar to T-SQL.
  const parsable = trimmed
    .replace(/\bOUTPUT\s+(INSERTED|DELETED)\.[\s\S]*?(?=\s+(WHERE|VALUES|SELECT)\b|\s*$)/i, '')
    .replace(/\bTOP \(@\d+\)/g, 'TOP (1)');
  try {
    parser.astify(parsable, { database: 'transactsql' });
    return [];
  } catch (error) {
    return [`does not parse as T-SQL: ${(error as Error).message.slice(0, 200)}`];
  }
}

/** The SQL with string literals emptied, so that their contents match nothing. */
function withoutStrings(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''");
}
