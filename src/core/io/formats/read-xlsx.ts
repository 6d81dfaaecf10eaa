import readXlsxFile from 'read-excel-file/universal';
import { resolveFields } from '../field-mapping.ts';
import { InputError } from '../input-error.ts';
import type { RowTable } from '../point-table.ts';
import { uniqueNames } from './unique-names.ts';

/**
 * Excel workbooks (.xlsx) → a table of rows for the point-table reader, with read-excel-file
 * (maintained, no dependencies beyond fflate and a SAX parser, runs in browsers, workers and Node).
 * The first sheet is read unless another is chosen; the header is the first of the top rows in which
 * a longitude and a latitude column are recognised (title rows above a table are common in
 * operators' site lists), else the first row with two or more labels.
 */

export interface XlsxRead {
  table: RowTable;
  /** Every sheet's name, in workbook order. */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  /** The header's row number (1-based). */
  headerRow: number;
}

/** How far down a sheet the header is looked for. */
const HEADER_SEARCH_ROWS = 30;

/** Reads `sheet` (by name; default the first) of the workbook. */
export async function readXlsx(bytes: Uint8Array, name: string, options: { sheet?: string } = {}): Promise<XlsxRead> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(buffer);
  } catch (error) {
    const detail = (error as Error).message || (error as Error).name;
    throw new InputError('not-xlsx', `${name} is not a readable Excel workbook (${detail}). Save it again as .xlsx, or as CSV.`, { name, detail });
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = options.sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === options.sheet);
  if (chosen === undefined) {
    throw new InputError('choose-layer', `${name} has no sheet "${options.sheet}"; its sheets are ${names.join(', ')}.`, {
      name, layers: names, detail: `no sheet "${options.sheet}"`,
    });
  }
  const rows = chosen.data;
  const headerAt = findHeader(rows);
  if (headerAt === -1) {
    throw new InputError('no-features', `Sheet "${chosen.sheet}" of ${name} has no table (no row with column names). Choose the sheet with the list.`, {
      name, layers: names,
    });
  }
  const columns = uniqueNames(rows[headerAt].map(headerLabel));
  const data: unknown[][] = [];
  const lines: number[] = [];
  for (let r = headerAt + 1; r < rows.length; r++) {
    if (rows[r].every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
    data.push(rows[r]);
    lines.push(r + 1);
  }
  return { table: { columns, rows: data, lines, rowWord: 'row' }, sheets: names, sheet: chosen.sheet, headerRow: headerAt + 1 };
}

function findHeader(rows: readonly unknown[][]): number {
  const top = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let firstLabels = -1;
  for (let r = 0; r < top; r++) {
    const labels = rows[r].filter((c) => typeof c === 'string' && c.trim() !== '').map((c) => String(c).trim());
    const fields = resolveFields(labels, ['lon', 'lat']);
    if (fields.lon !== undefined && fields.lat !== undefined) return r;
    if (firstLabels === -1 && labels.length >= 2) firstLabels = r;
  }
  return firstLabels;
}

/** A header cell's column name; an empty one becomes "column_3" (its 1-based position). */
function headerLabel(cell: unknown, i: number): string {
  const label = cell === null || cell === undefined ? '' : String(cell).trim();
  return label === '' ? `column_${i + 1}` : label;
}
