import type { BtsRecord, InputIssue } from '../model.ts';
import { decodeText } from './decode-text.ts';
import { type FieldMapping, normalizeFieldName, requireFields } from './field-mapping.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { isLonLat, parseNumber, UniqueIds } from './layer-input.ts';
import { operatorFromMccMnc } from './operators.ts';
import { parseTech } from './parse-tech.ts';

/**
 * CSV in (RFC 4180: quoted fields with embedded delimiters, quotes and newlines; a BOM; `,` `;` or
 * tab sniffed from the header line). Two readers on top: a generic lon/lat point table that feeds
 * readBts / readSettlements / readFibre, and OpenCelliD cell exports with or without a header.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvRows {
  /** Records as arrays of fields; blank lines are left out. */
  rows: string[][];
  /** 1-based physical line on which each record starts. */
  lines: number[];
  delimiter: CsvDelimiter;
}

/** The delimiter that splits the first line into the most fields, outside quotes. */
export function sniffDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/** Splits CSV text into records (RFC 4180), keeping the line each starts on. */
export function parseCsv(input: string | Uint8Array | ArrayBuffer, options: { delimiter?: CsvDelimiter } = {}): CsvRows {
  const text = decodeText(input, 'The CSV file');
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let startLine = 1;
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0].trim() === '')) {
      rows.push(row);
      lines.push(startLine);
    }
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      startLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) {
    throw new InputError(
      'not-csv',
      `The quoted field that starts on line ${startLine} is never closed. Check the quotes ("") in that row.`,
      { line: startLine },
    );
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, lines, delimiter };
}

/**
 * A generic point table: a header row, lon/lat columns found through the field mapping
 * (`missing-columns` with the columns found otherwise). Rows with a missing, non-numeric or
 * out-of-range coordinate are reported by line number in `issues` and left out of `features`.
 * Property values stay strings; the typed readers parse them.
 */
export function readCsvTable(input: string | Uint8Array | ArrayBuffer, mapping: FieldMapping = {}): FeatureTable & {
  columns: string[];
  issues: InputIssue[];
} {
  const { rows, lines } = parseCsv(input);
  if (rows.length === 0) throw new InputError('empty-file', 'The CSV file is empty. Choose a file that contains data.');
  const columns = rows[0].map((c) => c.trim());
  const fields = requireFields('point table', columns, ['lon', 'lat'], [], mapping);
  const lonAt = columns.indexOf(fields.lon as string);
  const latAt = columns.indexOf(fields.lat as string);
  const features: GeoFeature[] = [];
  const origins: number[] = [];
  const issues: InputIssue[] = [];
  if (rows.length === 1) {
    throw new InputError('no-features', 'The CSV file has a header but no rows. Choose a file with data in it.');
  }
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const line = lines[r];
    const lon = parseNumber(row[lonAt]);
    const lat = parseNumber(row[latAt]);
    const problem = coordinateProblem(lon, lat, row[lonAt], row[latAt]);
    if (problem !== null) {
      issues.push({ index: line, where: 'line', code: problem.code, message: `line ${line}: ${problem.message}` });
      continue;
    }
    const properties: Record<string, unknown> = {};
    columns.forEach((c, k) => {
      if (k < row.length) properties[c] = row[k];
    });
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon as number, lat as number] } });
    origins.push(line);
  }
  return { features, where: 'line', origins, issues, columns };
}

function coordinateProblem(
  lon: number | undefined,
  lat: number | undefined,
  rawLon: string | undefined,
  rawLat: string | undefined,
): { code: string; message: string } | null {
  if (lon === undefined || lat === undefined) {
    return { code: 'missing-coordinates', message: `${lon === undefined ? 'longitude' : 'latitude'} is missing. Row skipped.` };
  }
  if (Number.isNaN(lon) || Number.isNaN(lat)) {
    const bad = Number.isNaN(lon) ? `longitude "${rawLon}"` : `latitude "${rawLat}"`;
    return { code: 'bad-coordinates', message: `${bad} is not a number. Row skipped.` };
  }
  if (!isLonLat(lon, lat)) {
    return {
      code: 'out-of-range',
      message: `(${lon}, ${lat}) is outside longitude/latitude range (projected metres?). Row skipped.`,
    };
  }
  return null;
}

const RADIOS = new Set(['GSM', 'UMTS', 'CDMA', 'LTE', 'NR']);
const INTEGER = /^\s*\d+\s*$/;

/** Column positions of an OpenCelliD export. */
interface OpenCellIdLayout {
  header: boolean;
  radio: number;
  mcc: number;
  net: number;
  area: number;
  cell: number;
  lon: number;
  lat: number;
}

/**
 * Recognises an OpenCelliD export from its first record: a header naming radio, mcc, net/mnc,
 * area/tac/lac, cell/cid, lon, lat (in any case, extra columns allowed), or no header and the
 * shape of a cell row (a radio word, four integers, then two numbers). Null when neither.
 */
export function detectOpenCellId(firstRow: readonly string[]): OpenCellIdLayout | null {
  const names = firstRow.map((c) => normalizeFieldName(c));
  const find = (...aliases: string[]): number => names.findIndex((n) => aliases.includes(n));
  const layout = {
    header: true,
    radio: find('radio'),
    mcc: find('mcc'),
    net: find('net', 'mnc'),
    area: find('area', 'tac', 'lac'),
    cell: find('cell', 'cid', 'cellid', 'cell_id'),
    lon: find('lon', 'long', 'lng', 'longitude'),
    lat: find('lat', 'latitude'),
  };
  if (Object.values(layout).every((v) => v !== -1)) return layout;
  if (
    firstRow.length >= 8 &&
    RADIOS.has(firstRow[0].trim().toUpperCase()) &&
    [1, 2, 3, 4].every((k) => INTEGER.test(firstRow[k])) &&
    [6, 7].every((k) => Number.isFinite(Number(firstRow[k])) && firstRow[k].trim() !== '')
  ) {
    return { header: false, radio: 0, mcc: 1, net: 2, area: 3, cell: 4, lon: 6, lat: 7 };
  }
  return null;
}

/** NR cell identities (36 bits) end in this many bits of cell number after the gNB id (see {@link openCellIdSite}). */
export const NR_CELL_BITS = 12;

/**
 * The physical site (mast) of an OpenCelliD cell, from its identity, within its MCC-MNC:
 * - LTE: the eNodeB, `cell` div 256 (a 28-bit E-UTRAN cell id is a 20-bit eNodeB id and an 8-bit
 *   cell number; 3GPP TS 36.413);
 * - NR: the gNodeB, `cell` div 2^12: the 36-bit NR cell identity ends in the cell number after a
 *   gNB id of 22–32 bits chosen by each operator (TS 38.413); 24 bits, the usual choice, is
 *   assumed, so an operator using another length is grouped too finely or too coarsely;
 * - UMTS and GSM: the cell itself. A UMTS cell id is an RNC id and a cell number, a GSM one a
 *   cell number within its area: neither names the NodeB or BTS (numbering sectors by the last
 *   digit is one operator's habit, not a rule), so each such cell stays a site of its own.
 * Cells of one site keep their own positions and footprints; only the site count (and so the
 * sharing ratio) changes. Sites are then joined across operators by distance as any BTS layer's.
 */
export function openCellIdSite(tech: BtsRecord['tech'], cellKey: { mcc: string; net: string; area: string; cell: string }): string {
  const [m, n, area, cell] = [cellKey.mcc, cellKey.net, cellKey.area, cellKey.cell].map(Number);
  if (tech === '4G') return `${m}-${n}-enb-${Math.floor(cell / 256)}`;
  if (tech === '5G') return `${m}-${n}-gnb-${Math.floor(cell / 2 ** NR_CELL_BITS)}`;
  // A GSM cell number is unique only within its area (LAC).
  return `${m}-${n}-${tech === '3G' ? 'umts' : 'gsm'}-${area}-${cell}`;
}

/**
 * OpenCelliD cells → BTS records, one per cell: `id` = `mcc-net-area-cell` (duplicates made unique
 * and reported), `siteId` the cell's mast by {@link openCellIdSite} (LTE eNodeB, NR gNodeB),
 * `radio` → tech, MCC-MNC → operator (the name from MCC_MNC_OPERATORS, else "272-11"). `range` is
 * NOT a coverage radius (it is the spread of the observations), so `radiusM` is null and the
 * technology default applies. The position is an average of observations, not a mast, and the
 * footprint drawn from it is a prediction, so `source` is `predicted`, never `measured`. Bad rows
 * are reported by line.
 */
export function readOpenCellId(input: string | Uint8Array | ArrayBuffer): { records: BtsRecord[]; issues: InputIssue[]; lines: number[] } {
  const { rows, lines } = parseCsv(input, { delimiter: ',' });
  if (rows.length === 0) throw new InputError('empty-file', 'The CSV file is empty. Choose a file that contains data.');
  const layout = detectOpenCellId(rows[0]);
  if (layout === null) {
    throw new InputError(
      'missing-columns',
      'This CSV is not an OpenCelliD export: expected the columns radio, mcc, net, area, cell, unit, lon, lat, … ' +
        `(with or without a header); the first line has ${rows[0].slice(0, 8).join(', ')}. ` +
        'Load it as a generic BTS table instead.',
      { layer: 'OpenCelliD', missing: ['radio', 'mcc', 'net', 'area', 'cell', 'lon', 'lat'], found: rows[0] },
    );
  }
  const records: BtsRecord[] = [];
  const recordLines: number[] = [];
  const issues: InputIssue[] = [];
  const ids = new UniqueIds();
  const report = (line: number, code: string, message: string): void => {
    issues.push({ index: line, where: 'line', code, message: `line ${line}: ${message}` });
  };
  for (let r = layout.header ? 1 : 0; r < rows.length; r++) {
    const row = rows[r];
    const line = lines[r];
    const tech = parseTech(row[layout.radio]);
    if (tech === null) {
      report(line, 'bad-tech', `radio "${row[layout.radio] ?? ''}" is not GSM, UMTS, CDMA, LTE or NR. Row skipped.`);
      continue;
    }
    const lon = parseNumber(row[layout.lon]);
    const lat = parseNumber(row[layout.lat]);
    const problem = coordinateProblem(lon, lat, row[layout.lon], row[layout.lat]);
    if (problem !== null) {
      report(line, problem.code, problem.message);
      continue;
    }
    const operator = operatorFromMccMnc(row[layout.mcc], row[layout.net]);
    const key = [row[layout.mcc], row[layout.net], row[layout.area], row[layout.cell]].map((v) => (v ?? '').trim());
    if (operator === null || key.some((v) => !INTEGER.test(v))) {
      report(line, 'bad-cell-id', `mcc, net, area and cell must be integers, got ${key.join(', ')}. Row skipped.`);
      continue;
    }
    const rawId = key.map((v) => String(Number(v))).join('-');
    const { id, changed } = ids.take(rawId);
    if (changed) report(line, 'duplicate-id', `the cell id "${rawId}" was already used; this one is now "${id}".`);
    records.push({
      id,
      siteId: openCellIdSite(tech, { mcc: key[0], net: key[1], area: key[2], cell: key[3] }),
      operator,
      tech,
      lon: lon as number,
      lat: lat as number,
      radiusM: null,
      azimuthDeg: null,
      beamwidthDeg: null,
      heightM: null,
      bandMhz: null,
      source: 'predicted',
    });
    recordLines.push(line);
  }
  return { records, issues, lines: recordLines };
}

/**
 * The rows of a CSV as point features, whatever kind it is: an OpenCelliD export (with or without
 * a header) becomes one feature per cell with `id`, `site_id`, `operator`, `tech` and the cell's
 * identity, as {@link readOpenCellId} reads it; any other CSV is a lon/lat table
 * ({@link readCsvTable}). The page's map copy and the analysis thus read the same file the same way.
 */
export function readCsvFeatures(input: string | Uint8Array | ArrayBuffer, mapping: FieldMapping = {}): FeatureTable & { issues: InputIssue[] } {
  const bytes = typeof input === 'string' ? input : input instanceof Uint8Array ? input : new Uint8Array(input);
  const first = parseCsv(firstLine(bytes), { delimiter: ',' }).rows[0];
  if (!first || detectOpenCellId(first) === null) return readCsvTable(bytes, mapping);
  const { records, issues, lines } = readOpenCellId(bytes);
  const features: GeoFeature[] = records.map((r) => ({
    type: 'Feature',
    properties: { id: r.id, site_id: r.siteId, operator: r.operator, tech: r.tech },
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
  }));
  return { features, where: 'line', origins: lines, issues };
}

/** The text up to the first line break (enough to recognise the kind of CSV). */
function firstLine(input: string | Uint8Array): string | Uint8Array {
  if (typeof input === 'string') {
    const end = input.search(/[\r\n]/);
    return end < 0 ? input : input.slice(0, end);
  }
  let end = input.indexOf(0x0a);
  if (end < 0) end = input.length;
  const cr = input.subarray(0, end).indexOf(0x0d);
  return input.subarray(0, cr < 0 ? end : cr);
}
