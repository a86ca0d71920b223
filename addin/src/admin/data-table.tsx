import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  type TableRowProps,
} from '@fluentui/react-components';
import type { Key, ReactNode } from 'react';
import { ScrollArea } from './scroll-area';

/** One column: its header and how a row fills its cell. */
export interface Column<T> {
  key: string;
  header?: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Class of the column's body cells (wrapping, width, font). */
  className?: string;
}

/** What a row carries besides its cells: data-* attributes for tests, selection, a click. */
export type RowProps = Omit<TableRowProps, 'children'> & {
  [data: `data-${string}`]: string | number | undefined;
};

/**
 * A small Fluent table of rows, inside a ScrollArea so that it scrolls sideways on a phone and a
 * keyboard can scroll it too. The table and its scroll region are named after `label`.
 */
export function DataTable<T>({
  label,
  scrollLabel = label,
  columns,
  rows,
  rowKey,
  rowProps,
  className,
}: {
  label: string;
  /** The scroll region's name, where it should differ from the table's. */
  scrollLabel?: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowProps?: (row: T) => RowProps;
  className?: string;
}) {
  return (
    <ScrollArea label={scrollLabel}>
      <Table aria-label={label} size="small" className={className}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.key}>{c.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, index) => (
            <TableRow key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <TableCell key={c.key} className={c.className}>
                  {c.cell(row, index)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollArea>
  );
}
