import { Column, ColumnOptions } from 'typeorm';

/**
 * Times are stored as fixed-width ISO 8601 UTC text: identical on SQLite, PostgreSQL and SQL
 * Server, sortable as text, and free of driver time-zone conversions. find() applies the
 * transformer to operators such as LessThan(date); the criteria of delete() and update() do not,
 * so those compare with `date.toISOString()` in a query builder.
 */
export const isoTransformer = {
  to: (value: Date | null | undefined): string | null | undefined =>
    value instanceof Date ? value.toISOString() : value,
  from: (value: string | null): Date | null => (value == null ? null : new Date(value)),
};

export function TimestampColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}) {
  return Column({ ...options, type: 'varchar', length: 24, transformer: isoTransformer });
}
