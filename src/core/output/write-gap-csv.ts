import type { GapRow } from './gap-row.ts';
import { GAP_COLUMNS } from './gap-row.ts';

/** Byte-order mark so spreadsheet programs read the file as UTF-8 and show Vietnamese correctly. */
export const UTF8_BOM = '\uFEFF';

/**
 * The gap list as CSV (RFC 4180, CRLF, UTF-8 with BOM), the same columns as the GeoJSON; the one
 * CSV writer of the CLI and the app. Lists are joined with ";", `mobile_by_operator` is JSON,
 * booleans are true/false, missing values are empty.
 */
export function writeGapCsv(rows: readonly GapRow[], options: { gapsOnly: boolean }): string {
  const lines = [GAP_COLUMNS.map(csvCell).join(',')];
  for (const row of rows) {
    if (options.gapsOnly && row.gap === 'none') continue;
    lines.push(GAP_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

/**
 * One CSV cell of any value. No cell can start a spreadsheet formula: text (list items and the
 * joined list included) starting with = + - @ tab or CR gets a leading "'" (OWASP's advice), so
 * an operator named `=HYPERLINK(…)` stays text. Numbers are written as numbers.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return quote(neutraliseFormula(v.map((item) => neutraliseFormula(String(item))).join(';')));
  if (typeof v === 'object') return quote(neutraliseFormula(JSON.stringify(v)));
  return quote(neutraliseFormula(String(v)));
}

/** Text a spreadsheet would run as a formula (= + - @, or a tab/CR before one), made inert with "'". */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function quote(s: string): string {
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
