import type { Gap } from '../classify.ts';
import { DEFAULT_PERSONS_PER_HOUSEHOLD } from '../defaults.ts';
import { computeKpis, type Kpis } from '../kpis.ts';
import { errorMessage } from '../error-message.ts';
import { decodeText } from '../io/decode-text.ts';
import { InputError } from '../io/input-error.ts';
import { parseCsv } from '../io/read-csv.ts';
import type { InputFingerprint } from '../output/run-metadata.ts';
import { ROUTES, type Route } from './route.ts';
import { SIGNAL_CLASSES, signalClass, type SignalClass } from './signal-class.ts';

/**
 * An analysis result as the report reads it back: our gap list as GeoJSON (with its `vunglom`
 * metadata) or as CSV. The whole file is read or refused with one sentence; a value the file does
 * not hold stays null (unknown), never a guess.
 */

/** What the report needs of one village. */
export interface ResultRow {
  id: string;
  name: string;
  commune: string | null;
  district: string | null;
  province: string | null;
  population: number | null;
  households: number | null;
  status: 'ok' | 'invalid' | null;
  gap: Gap | null;
  mobile_covered: boolean | null;
  mobile_centre_covered: boolean | null;
  ftth_covered: boolean | null;
  ftth_fraction: number | null;
  /** From the file, or (an export older than the column) from the two mobile columns. */
  signal_class: SignalClass | null;
  route: Route | null;
  route_operators: string[];
  route_sites: string[];
}

/** The figures of a result the report uses; one the file cannot give (sites, from a CSV) is null. */
export type ResultKpis = Record<(typeof KPI_KEYS)[number], number | null>;

/** One result (this quarter's or an earlier one). */
export interface ResultSnapshot {
  /** File name (or a label the app gives the live analysis). */
  name: string;
  format: 'geojson' | 'csv';
  /** When the analysis was made: the metadata's `created`, else the date the caller knows (file time). */
  created: string | null;
  /** The assumptions from the metadata (as written; compared key by key), null without metadata. */
  params: Record<string, unknown> | null;
  inputs: InputFingerprint[] | null;
  version: string | null;
  /** The export left out villages without a gap (metadata `gapsOnly`). */
  gapsOnly: boolean;
  kpis: ResultKpis;
  rows: ResultRow[];
}

/** Why a file cannot be read as a result; `code` and `params` let the app say it in its language. */
export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
  constructor(
    readonly code: 'empty' | 'not-gap-list' | 'bad-json' | 'bad-csv' | 'missing-columns' | 'duplicate-id' | 'bad-value',
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

const GAPS: readonly Gap[] = ['none', 'mobile', 'ftth', 'both'];
/** Columns a file must have to be read as a gap list. */
const REQUIRED = ['id', 'mobile_covered'] as const;

/**
 * Read a gap list file: GeoJSON (detected by its first character) or CSV. `fallbackCreated` is
 * the date used when the file has no metadata (a CSV): the file's modification time, for example.
 */
export function readResultFile(input: string | Uint8Array, name: string, options: { fallbackCreated?: string | null } = {}): ResultSnapshot {
  let text: string;
  try {
    text = decodeText(input, name);
  } catch {
    throw new ResultFileError('empty', `${name} is empty: choose a gap list exported by Vùng Lõm (GeoJSON or CSV).`, { file: name });
  }
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? readGeoJson(text, name, options.fallbackCreated ?? null) : readCsv(text, name, options.fallbackCreated ?? null);
}

/** Why a file is not a gap list (the app words each one). */
type NotGapList = { reason: 'no-collection' } | { reason: 'no-features' } | { reason: 'no-properties'; feature: number } | { reason: 'no-column'; feature: number; column: string };

function notGapList(name: string, why: NotGapList): ResultFileError {
  const detail =
    why.reason === 'no-collection'
      ? 'no FeatureCollection'
      : why.reason === 'no-features'
        ? 'no features'
        : why.reason === 'no-properties'
          ? `feature ${why.feature} has no properties`
          : `feature ${why.feature} has no "${why.column}"`;
  return new ResultFileError('not-gap-list', `${name} is not a gap list exported by Vùng Lõm (${detail}): export one with the app's gap list buttons or \`vunglom analyze\`.`, {
    file: name,
    ...why,
  });
}

/** Where in a file a row is: a CSV line or a GeoJSON feature (1-based). */
interface Where {
  kind: 'line' | 'feature';
  n: number;
}

const whereText = (w: Where): string => `${w.kind} ${w.n}`;

function readGeoJson(text: string, name: string, fallbackCreated: string | null): ResultSnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const detail = errorMessage(err);
    throw new ResultFileError('bad-json', `${name} is not valid JSON (${detail}): the file may be cut short; export it again.`, { file: name, detail });
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw notGapList(name, { reason: 'no-collection' });
  const meta = isObject(doc.vunglom) && doc.vunglom.tool === 'vunglom' ? doc.vunglom : null;
  const features = doc.features as unknown[];
  const propsList = features.map((f, i) => {
    if (!isObject(f) || !isObject(f.properties)) throw notGapList(name, { reason: 'no-properties', feature: i + 1 });
    return f.properties;
  });
  if (propsList.length === 0 && !meta) throw notGapList(name, { reason: 'no-features' });
  for (const column of REQUIRED) {
    const k = propsList.findIndex((p) => !(column in p));
    if (k >= 0) throw notGapList(name, { reason: 'no-column', feature: k + 1, column });
  }
  const rows = propsList.map((p, i) => toRow((c) => p[c], name, { kind: 'feature', n: i + 1 }));
  checkUniqueIds(rows, name, (i) => ({ kind: 'feature', n: i + 1 }));
  const created = meta && typeof meta.created === 'string' ? meta.created : fallbackCreated;
  const kpis = meta && isObject(meta.kpis) ? metaKpis(meta.kpis) : rowKpis(rows);
  return {
    name,
    format: 'geojson',
    created,
    params: meta && isObject(meta.params) ? meta.params : null,
    inputs: meta && Array.isArray(meta.inputs) ? (meta.inputs.filter(isFingerprint) as InputFingerprint[]) : null,
    version: meta && typeof meta.version === 'string' ? meta.version : null,
    gapsOnly: meta?.gapsOnly === true,
    kpis,
    rows,
  };
}

function readCsv(text: string, name: string, fallbackCreated: string | null): ResultSnapshot {
  let table: string[][];
  let lines: number[];
  try {
    const parsed = parseCsv(text);
    table = parsed.rows;
    lines = parsed.lines;
  } catch (err) {
    const detail = errorMessage(err);
    const line = err instanceof InputError && typeof err.params.line === 'number' ? err.params.line : 0;
    throw new ResultFileError('bad-csv', `${name}: ${detail}`, { file: name, line });
  }
  const header = (table[0] ?? []).map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new ResultFileError(
      'missing-columns',
      `${name} has no column ${missing.map((c) => `"${c}"`).join(' or ')}: it is not a gap list exported by Vùng Lõm (CSV); export one with the app's gap list buttons or \`vunglom analyze --csv\`.`,
      { file: name, columns: missing.join(', ') },
    );
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const rows = table.slice(1).map((cells, k) =>
    toRow((c) => {
      const i = index.get(c);
      return i === undefined ? undefined : csvValue(c, cells[i] ?? '');
    }, name, { kind: 'line', n: lines[k + 1] }),
  );
  checkUniqueIds(rows, name, (i) => ({ kind: 'line', n: lines[i + 1] }));
  return { name, format: 'csv', created: fallbackCreated, params: null, inputs: null, version: null, gapsOnly: false, kpis: rowKpis(rows), rows };
}

/** Text the CSV writer guarded against spreadsheet formulas ("'" before = + - @ tab CR), as it was. */
const unguard = (text: string): string => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** A CSV cell as the writer meant it: booleans, numbers, lists (";", each item guarded), JSON objects; "" is missing. */
function csvValue(column: string, cell: string): unknown {
  if (cell === '') return null;
  if (column === 'route_operators' || column === 'route_sites' || column === 'mobile_operators' || column === 'sharing_sites' || column === 'reasons') {
    return cell.split(';').map(unguard);
  }
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  return unguard(cell);
}

function toRow(get: (column: string) => unknown, file: string, where: Where): ResultRow {
  const id = get('id');
  if (id === null || id === undefined || id === '') {
    throw new ResultFileError('bad-value', `${file}: ${whereText(where)} has no id: every village of a gap list has one.`, { file, rowKind: where.kind, row: where.n, column: 'id', value: '' });
  }
  const row: ResultRow = {
    id: String(id),
    name: text(get('name')) ?? String(id),
    commune: text(get('commune')),
    district: text(get('district')),
    province: text(get('province')),
    population: num(get('population')),
    households: num(get('households')),
    status: get('status') === 'ok' || get('status') === 'invalid' ? (get('status') as 'ok' | 'invalid') : null,
    gap: GAPS.includes(get('gap') as Gap) ? (get('gap') as Gap) : null,
    mobile_covered: bool(get('mobile_covered'), file, where, 'mobile_covered'),
    mobile_centre_covered: bool(get('mobile_centre_covered'), file, where, 'mobile_centre_covered'),
    ftth_covered: bool(get('ftth_covered'), file, where, 'ftth_covered'),
    ftth_fraction: num(get('ftth_fraction')),
    signal_class: null,
    route: ROUTES.includes(get('route') as Route) ? (get('route') as Route) : null,
    route_operators: list(get('route_operators')),
    route_sites: list(get('route_sites')),
  };
  const given = get('signal_class');
  row.signal_class =
    given === undefined ? signalClass({ status: row.status ?? 'ok', mobile_centre_covered: row.mobile_centre_covered, mobile_covered: row.mobile_covered }) : SIGNAL_CLASSES.includes(given as SignalClass) ? (given as SignalClass) : null;
  return row;
}

function checkUniqueIds(rows: readonly ResultRow[], file: string, where: (i: number) => Where): void {
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) {
      const a = where(first);
      const b = where(i);
      throw new ResultFileError(
        'duplicate-id',
        `${file}: the id "${r.id}" appears twice (${whereText(a)} and ${whereText(b)}): a gap list has one row per village; export it again.`,
        { file, id: r.id, rowKind: a.kind, row: a.n, second: b.n },
      );
    }
    seen.set(r.id, i);
  });
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.normalize('NFC');
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function bool(v: unknown, file: string, where: Where, column: string): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  throw new ResultFileError('bad-value', `${file}: ${whereText(where)} has ${column} = ${JSON.stringify(v)}; a gap list holds true, false or nothing there.`, {
    file,
    rowKind: where.kind,
    row: where.n,
    column,
    value: JSON.stringify(v),
  });
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFingerprint(v: unknown): boolean {
  return isObject(v) && typeof v.role === 'string' && typeof v.name === 'string' && typeof v.sha256 === 'string';
}

const KPI_KEYS = [
  'villages',
  'mobileVillages',
  'ftthVillages',
  'mobileVillagesPct',
  'ftthVillagesPct',
  'householdsFibrePct',
  'physicalSites',
  'sharedSites',
  'sharedSitesPct',
  'gapMobile',
  'gapFtth',
  'gapBoth',
  'trangSong',
  'lomSong',
] as const satisfies readonly (keyof Kpis)[];

/** The report's figures of an analysis's KPIs. */
export function resultKpisOf(k: Kpis): ResultKpis {
  return Object.fromEntries(KPI_KEYS.map((key) => [key, k[key]])) as ResultKpis;
}

/** The metadata's KPIs as written (a missing or non-numeric one is null). */
function metaKpis(k: Record<string, unknown>): ResultKpis {
  return Object.fromEntries(KPI_KEYS.map((key) => [key, typeof k[key] === 'number' && Number.isFinite(k[key]) ? k[key] : null])) as ResultKpis;
}

/**
 * KPIs from the rows (a file without metadata): the same computation as the analysis, over the
 * villages; the site figures need the BTS layer, which a gap list does not hold, so they are null.
 */
export function rowKpis(rows: readonly ResultRow[]): ResultKpis {
  const k = computeKpis(
    rows.map((r) => ({
      gap: r.gap ?? 'none',
      mobileCovered: r.mobile_covered === true,
      ftthCovered: r.ftth_covered,
      ftthFraction: r.ftth_fraction,
      households: r.households,
      population: r.population,
      signalClass: r.signal_class,
    })),
    { physical: 0, shared: 0 },
    // A gap list does not say how households were estimated: the default figure, as the analysis's.
    { personsPerHousehold: DEFAULT_PERSONS_PER_HOUSEHOLD },
  );
  const out: ResultKpis = { ...resultKpisOf(k), physicalSites: null, sharedSites: null, sharedSitesPct: null };
  // A measure no row holds is unknown (no BTS or fibre layer then), not zero.
  if (rows.length > 0 && rows.every((r) => r.mobile_covered === null)) Object.assign(out, { mobileVillages: null, mobileVillagesPct: null });
  if (rows.length > 0 && rows.every((r) => r.gap === null)) Object.assign(out, { gapMobile: null, gapFtth: null, gapBoth: null });
  return out;
}
