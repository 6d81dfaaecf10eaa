import type { GapRow } from './gap-row.ts';
import { GAP_COLUMNS } from './gap-row.ts';

/** Byte-order mark so spreadsheet programs read the file as UTF-8 and show Vietnamese correctly. */
export const UTF8_BOM = '\uFEFF';

/**
 * The gap list as CSV (RFC 4180, CRLF, UTF-8 with BOM), the same columns as the GeoJSON. Lists are
 * joined with ";", `mobile_by_operator` is JSON, booleans are true/false, missing values are empty.
 * Text that a spreadsheet would run as a formula (starting with = + - @) is prefixed with "'".
 */
export function writeGapCsv(rows: readonly GapRow[], options: { gapsOnly: boolean }): string {
  const lines = [GAP_COLUMNS.join(',')];
  for (const row of rows) {
    if (options.gapsOnly && row.gap === 'none') continue;
    lines.push(GAP_COLUMNS.map((c) => cell(row[c])).join(','));
  }
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return quote(v.join(';'));
  if (typeof v === 'object') return quote(JSON.stringify(v));
  return quote(neutraliseFormula(String(v)));
}

function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function quote(s: string): string {
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
