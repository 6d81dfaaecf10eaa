import type { BtsRecord, InputIssue } from '../model.ts';
import { type FieldMapping, normalizeFieldName } from './field-mapping.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { isLonLat, parseNumber } from './layer-input.ts';
import { UniqueIds } from './unique-ids.ts';
import { dropBadLonLat, type PointTable, pointTable, type RowTable } from './point-table.ts';
import { operatorFromMccMnc } from './operators.ts';
import { parseTech } from './parse-tech.ts';

/**
 * CSV in (RFC 4180: quoted fields with embedded delimiters, quotes and newlines; a BOM; `,` `;` or
 * tab sniffed from the header line). Two readers on top: a generic lon/lat point table that feeds
 * readBts / readSettlements / readFibre, and OpenCelliD cell exports with or without a header.
 */

export type CsvDelimiter = ',' | ';' | '\t';

/** One record and the 1-based physical line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

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

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180 records from text that arrives in pieces (a piece may end anywhere, even between the
 * two characters of "\r\n" or of a doubled quote). A quote opens a quoted field only at the
 * field's start; a quote inside an unquoted field is kept as it is.
 */
export class CsvTokenizer {
  private readonly delimiter: number;
  private field = '';
  private row: string[] = [];
  private quoted = false;
  /** A quote was the last character seen inside a quoted field: doubled, or the field's end. */
  private quoteSeen = false;
  /** A "\r" ended the last piece: a "\n" starting the next one belongs to it. */
  private skipLf = false;
  private line = 1;
  private startLine = 1;

  constructor(delimiter: CsvDelimiter) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds the records this piece completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (text.charCodeAt(i) === QUOTE) {
            this.field += '"';
            i++;
          } else {
            this.quoted = false;
          }
          continue;
        }
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) break;
          if (c === LF) this.line++;
          j++;
        }
        this.field += text.slice(i, j);
        if (j < n) this.quoteSeen = true;
        i = j + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && this.field.trim() === '') {
        this.quoted = true;
        this.field = '';
        i++;
      } else if (c === d) {
        this.row.push(this.field);
        this.field = '';
        i++;
      } else if (c === CR || c === LF) {
        this.endRow(out);
        this.line++;
        this.startLine = this.line;
        i++;
        if (c === CR) {
          if (i === n) this.skipLf = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
      } else {
        // A run of plain characters, taken in one slice.
        let j = i + 1;
        while (j < n) {
          const e = text.charCodeAt(j);
          if (e === d || e === CR || e === LF || e === QUOTE) break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
      }
    }
  }

  /** After the last piece: the last record, or `not-csv` when a quoted field is never closed. */
  end(out: CsvRecord[]): void {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
    }
    if (this.quoted) {
      throw new InputError(
        'not-csv',
        `The quoted field that starts on line ${this.startLine} is never closed. Check the quotes ("") in that row.`,
        { line: this.startLine },
      );
    }
    if (this.field !== '' || this.row.length > 0) this.endRow(out);
  }

  private endRow(out: CsvRecord[]): void {
    const row = this.row;
    row.push(this.field);
    this.field = '';
    this.row = [];
    if (!(row.length === 1 && row[0].trim() === '')) out.push({ fields: row, line: this.startLine });
  }
}

/** Characters decoded at a time from bytes (the file is never one string). */
const PIECE = 1 << 20;

/** Text in pieces: a string as it is, bytes decoded as UTF-8 a megabyte at a time; a leading BOM removed. */
function* textPieces(input: string | Uint8Array | ArrayBuffer): Generator<string> {
  if (typeof input === 'string') {
    yield input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    return;
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += PIECE) {
    const last = at + PIECE >= bytes.length;
    const piece = decoder.decode(bytes.subarray(at, at + PIECE), { stream: !last });
    yield at === 0 && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
  }
}

/**
 * The records of CSV text or bytes, one at a time as they are parsed (see {@link CsvTokenizer}),
 * with the delimiter: given, or sniffed from the first line.
 */
export function openCsv(
  input: string | Uint8Array | ArrayBuffer,
  options: { delimiter?: CsvDelimiter } = {},
): { delimiter: CsvDelimiter; records: Generator<CsvRecord> } {
  const pieces = textPieces(input);
  const first = pieces.next();
  const head = first.done ? '' : first.value;
  const delimiter = options.delimiter ?? sniffDelimiter(head);
  function* records(): Generator<CsvRecord> {
    const tokenizer = new CsvTokenizer(delimiter);
    const out: CsvRecord[] = [];
    if (!first.done) tokenizer.push(head, out);
    yield* out;
    for (const piece of pieces) {
      out.length = 0;
      tokenizer.push(piece, out);
      yield* out;
    }
    out.length = 0;
    tokenizer.end(out);
    yield* out;
  }
  return { delimiter, records: records() };
}

function emptyCsv(): InputError {
  return new InputError('empty-file', 'The CSV file is empty. Choose a file that contains data.');
}

/** Splits CSV text into records (RFC 4180), keeping the line each starts on. */
export function parseCsv(input: string | Uint8Array | ArrayBuffer, options: { delimiter?: CsvDelimiter } = {}): CsvRows {
  const { delimiter, records } = openCsv(input, options);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const r of records) {
    rows.push(r.fields);
    lines.push(r.line);
  }
  if (rows.length === 0) throw emptyCsv();
  return { rows, lines, delimiter };
}

/**
 * A generic point table in degrees: a header row, lon/lat columns found through the field mapping
 * (`missing-columns` with the columns found otherwise), each row read by the point table's rule
 * (point-table.ts: decimal comma, degrees-minutes-seconds). Rows whose coordinates are missing,
 * unreadable or not longitude/latitude are reported by line number, with the value, in `issues`
 * and left out of `features`. Property values stay strings; the typed readers parse them.
 */
export function readCsvTable(input: string | Uint8Array | ArrayBuffer, mapping: FieldMapping = {}): PointTable {
  return dropBadLonLat(pointTable(csvRowTable(parseCsv(input)), mapping));
}

/** Parsed CSV as a {@link RowTable}: the first record is the header (trimmed), the others its rows. */
export function csvRowTable({ rows, lines }: Pick<CsvRows, 'rows' | 'lines'>): RowTable {
  return { columns: rows[0].map((c) => c.trim()), rows: rows.slice(1), lines: lines.slice(1), rowWord: 'line' };
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
const NR_CELL_BITS = 12;

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
function openCellIdSite(tech: BtsRecord['tech'], cellKey: { mcc: string; net: string; area: string; cell: string }): string {
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
  const { records: rows } = openCsv(input, { delimiter: ',' });
  const first = rows.next();
  if (first.done) throw emptyCsv();
  const firstRow = first.value.fields;
  const layout = detectOpenCellId(firstRow);
  if (layout === null) {
    throw new InputError(
      'missing-columns',
      'This CSV is not an OpenCelliD export: expected the columns radio, mcc, net, area, cell, unit, lon, lat, … ' +
        `(with or without a header); the first line has ${firstRow.slice(0, 8).join(', ')}. ` +
        'Load it as a generic BTS table instead.',
      { layer: 'OpenCelliD', missing: ['radio', 'mcc', 'net', 'area', 'cell', 'lon', 'lat'], found: firstRow },
    );
  }
  const records: BtsRecord[] = [];
  const recordLines: number[] = [];
  const issues: InputIssue[] = [];
  const ids = new UniqueIds();
  const report = (line: number, code: string, message: string): void => {
    issues.push({ index: line, where: 'line', code, message: `line ${line}: ${message}` });
  };
  const cells = layout.header ? rows : prepend(first.value, rows);
  for (const { fields: row, line } of cells) {
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
    const id = ids.take(rawId);
    if (id !== rawId) report(line, 'duplicate-id', `the cell id "${rawId}" was already used; this one is now "${id}".`);
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

function* prepend<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}
