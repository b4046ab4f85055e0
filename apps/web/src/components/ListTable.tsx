import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';

/** One column of a list: its header, and what a row shows in it. */
export interface ListColumn<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** A class for the column's cells (how their content flows, say). */
  className?: string;
}

/**
 * Every list of the app: a titled Carbon table, a header row, one row per item, or one full-width
 * row that says the list is empty. Each cell carries its column's header as `data-label`, so that
 * on a phone a row can show as a card of labelled values.
 */
export function ListTable<Row>({
  title,
  labelledBy,
  description,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  error,
  toolbar,
  footer,
  size = 'md',
  testId,
  rowTestId,
}: {
  /** The table's visible title; or, with none, the id of the heading that names it. */
  title?: string;
  labelledBy?: string;
  description?: ReactNode;
  columns: ListColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** A class for a row that shows differently (a retired entry, say). */
  rowClassName?: (row: Row) => string | undefined;
  /** What an empty list says; with none, an empty list shows its header row alone. */
  empty?: ReactNode;
  /** Why the rows could not be read: shown in the table's place, its toolbar and footer kept. */
  error?: unknown;
  /** A TableToolbar above the table (search, filters, actions). */
  toolbar?: ReactNode;
  /** What follows the table inside its container (a Pagination). */
  footer?: ReactNode;
  size?: 'sm' | 'md';
  testId?: string;
  rowTestId?: string;
}) {
  return (
    <TableContainer title={title} description={description} className="aoc-table">
      {toolbar}
      {error ? (
        <ErrorNotice error={error} />
      ) : (
        <Table size={size} aria-label={title} aria-labelledby={title ? undefined : labelledBy} data-testid={testId}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableHeader key={column.key}>{column.header}</TableHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0
              ? empty !== undefined && (
                  <TableRow>
                    <TableCell colSpan={columns.length}>{empty}</TableCell>
                  </TableRow>
                )
              : rows.map((row) => (
                  <TableRow key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId}>
                    {columns.map((column) => (
                      <TableCell key={column.key} className={column.className} data-label={column.header}>
                        {column.cell(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
          </TableBody>
        </Table>
      )}
      {footer}
    </TableContainer>
  );
}
