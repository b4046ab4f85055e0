import { ROW_NAMES, RowName, TOKENLESS } from './actors';

/** One expected answer: a status, or a finding about a list or a hidden comment. */
export type Expected = '200' | '201' | '202' | '401' | '403' | '404' | '409' | 'lists' | 'hides' | 'shown' | 'masked';

const EXPECTED = new Set(['200', '201', '202', '401', '403', '404', '409', 'lists', 'hides', 'shown', 'masked', '-']);

export interface Cell {
  row: RowName;
  column: string;
  expected: Expected;
}

export interface Table {
  columns: string[];
  rows: RowName[];
  cells: Cell[];
}

/** Reads a block of the matrix; a typo (unknown row, column or answer, a missing cell) fails loudly. */
export function parseTable(
  name: string,
  text: string,
  knownColumns: readonly string[],
  requireRows: readonly RowName[],
) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const columns = lines[0].split(/\s+/);
  for (const column of columns) {
    if (!knownColumns.includes(column)) throw new Error(`${name}: unknown column "${column}"`);
  }
  const table: Table = { columns, rows: [], cells: [] };
  for (const line of lines.slice(1)) {
    const [row, ...values] = line.split(/\s+/);
    if (!ROW_NAMES.includes(row as RowName)) throw new Error(`${name}: unknown row "${row}"`);
    if (values.length !== columns.length) {
      throw new Error(`${name}, ${row}: ${values.length} cells for ${columns.length} columns`);
    }
    table.rows.push(row as RowName);
    values.forEach((value, i) => {
      if (!EXPECTED.has(value)) throw new Error(`${name}, ${row}, ${columns[i]}: unknown answer "${value}"`);
      if (value !== '-') table.cells.push({ row: row as RowName, column: columns[i], expected: value as Expected });
    });
  }
  const missing = requireRows.filter((row) => !table.rows.includes(row));
  if (missing.length > 0) throw new Error(`${name}: rows missing: ${missing.join(', ')}`);
  return table;
}

/** The rows every block must have: every actor, without a token and with a forged one. */
export const REQUIRED_ROWS = ROW_NAMES.filter(
  (row) => !TOKENLESS.includes(row as never) || row === 'anonymous' || row === 'forged-admin',
);

export const isSuccess = (expected: Expected) => /^2\d\d$/.test(expected);
