import type { InputIssue } from '../model.ts';
import { lonLatProblem, parseCoordinate } from './coordinates.ts';
import { type FieldMapping, requireFields } from './field-mapping.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';

/**
 * A table of rows (CSV/TSV lines, spreadsheet rows) with a header → point features, for the typed
 * readers. The coordinate columns are found through the field mapping (Kinh độ / Vĩ độ, lon / lat,
 * x / y …) and read by {@link parseCoordinate} (decimal comma, degrees-minutes-seconds). Positions
 * are kept as read — they may be metres until the CRS is known — and checked against lon/lat range
 * by {@link dropBadLonLat} once they are degrees. A row whose coordinate cannot be read is reported
 * with its line (or row) number and the value, and left out.
 */

export interface RowTable {
  /** The header's column names, trimmed. */
  columns: string[];
  /** Data rows, each cell as read (text from CSV; text, numbers, booleans or dates from a sheet). */
  rows: readonly (readonly unknown[])[];
  /** Per data row, its 1-based line (CSV) or row (sheet) number. */
  lines: readonly number[];
  /** What a row is called in messages: "line" (CSV) or "row" (sheet). */
  rowWord: 'line' | 'row';
}

export type PointTable = FeatureTable & { columns: string[]; issues: InputIssue[] };

/** Builds the point features; throws `missing-columns` (with the columns found) when no lon/lat column is found. */
export function pointTable(table: RowTable, mapping: FieldMapping = {}): PointTable {
  const { columns, rows, lines, rowWord } = table;
  const at = coordinateColumns(columns, mapping);
  if (rows.length === 0) throw noRows();
  const features: GeoFeature[] = [];
  const origins: number[] = [];
  const issues: InputIssue[] = [];
  for (let r = 0; r < rows.length; r++) {
    const point = pointRow(rows[r], lines[r], columns, at, rowWord);
    if ('issue' in point) {
      issues.push(point.issue);
      continue;
    }
    features.push(point.feature);
    origins.push(lines[r]);
  }
  return { features, where: 'line', origins, issues, columns, rowWord };
}

/** The refusal of a table with a header and no rows (`no-features`). */
export function noRows(): InputError {
  return new InputError('no-features', 'The table has a header but no rows. Choose a file with data in it.');
}

/** Where a table's longitude and latitude are, through the field mapping; `missing-columns` when not found. */
export function coordinateColumns(columns: readonly string[], mapping: FieldMapping = {}): { lon: number; lat: number } {
  const fields = requireFields('point table', columns, ['lon', 'lat'], [], mapping);
  return { lon: columns.indexOf(fields.lon as string), lat: columns.indexOf(fields.lat as string) };
}

/**
 * One row of a table as a point feature (its cells as properties, its coordinates as read), or the
 * issue that says why it is skipped, with its line (or row) number and the value.
 */
export function pointRow(
  row: readonly unknown[],
  line: number,
  columns: readonly string[],
  at: { lon: number; lat: number },
  rowWord: 'line' | 'row',
): { feature: GeoFeature; lon: number; lat: number } | { issue: InputIssue } {
  const skip = (code: string, message: string): { issue: InputIssue } => ({
    issue: { index: line, where: 'line', code, message: `${rowWord} ${line}: ${message} Row skipped.` },
  });
  const lon = parseCoordinate(row[at.lon], 'lon');
  const lat = parseCoordinate(row[at.lat], 'lat');
  if (lon.kind === 'empty' || lat.kind === 'empty') {
    return skip('missing-coordinates', `${lon.kind === 'empty' ? 'longitude' : 'latitude'} is missing.`);
  }
  if (lon.kind === 'error' || lat.kind === 'error') {
    return skip('bad-coordinates', `${lon.kind === 'error' ? `longitude: ${lon.message}` : ''}${lon.kind === 'error' && lat.kind === 'error' ? ' ' : ''}${lat.kind === 'error' ? `latitude: ${lat.message}` : ''}`);
  }
  const properties: Record<string, unknown> = {};
  for (let k = 0; k < columns.length && k < row.length; k++) {
    if (row[k] !== null && row[k] !== undefined) properties[columns[k]] = cellValue(row[k]);
  }
  return { feature: { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon.value, lat.value] } }, lon: lon.value, lat: lat.value };
}

function cellValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Leaves out the points that are not WGS84 longitude/latitude, each reported with its values
 * (swapped pairs said to be swapped). For tables only: their rows can be skipped, a polygon layer's
 * features are kept and reported by its typed reader.
 */
export function dropBadLonLat(table: PointTable): PointTable {
  const features: GeoFeature[] = [];
  const origins: number[] = [];
  const issues = [...table.issues];
  table.features.forEach((f, i) => {
    const origin = table.origins ? table.origins[i] : i;
    const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    const problem = c === null ? null : lonLatProblem(c[0], c[1]);
    if (problem !== null) {
      issues.push({ index: origin, where: 'line', code: problem.code, message: `${table.rowWord ?? 'line'} ${origin}: ${problem.message} Row skipped.` });
      return;
    }
    features.push(f);
    origins.push(origin);
  });
  // In file order, whichever step found them.
  issues.sort((a, b) => a.index - b.index);
  return { ...table, features, origins, issues };
}

/**
 * Vietnamese surveying names the northing X and the easting Y. A projected table whose "x" column
 * holds the northings (millions of metres) and whose "y" column holds eastings is turned round.
 * True when it was.
 */
export function northingFirst(table: PointTable): boolean {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const f of table.features) {
    if (f.geometry?.type !== 'Point') continue;
    xs.push(f.geometry.coordinates[0]);
    ys.push(f.geometry.coordinates[1]);
  }
  if (xs.length === 0) return false;
  const median = (v: number[]): number => v.sort((a, b) => a - b)[v.length >> 1];
  const x = median(xs);
  const y = median(ys);
  return x > 1_000_000 && y > 100_000 && y < 1_000_000;
}

/** The table with x and y of every point exchanged. */
export function swapAxes(table: PointTable): PointTable {
  return {
    ...table,
    features: table.features.map((f) => f.geometry?.type === 'Point'
      ? { ...f, geometry: { type: 'Point', coordinates: [f.geometry.coordinates[1], f.geometry.coordinates[0]] } }
      : f),
  };
}
