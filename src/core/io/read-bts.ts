import type { BtsRecord, InputIssue, Tech } from '../model.ts';
import { type FieldMapping, mappedColumns, requireFields, type ResolvedFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { isLonLat, type LayerInput, type RowContext, parseCount, parseNumber, parseNumberList, pointOf, rowIssue, takeId, textField, toTable } from './layer-input.ts';
import { readTable, type RowReader, type RowReaderOptions, rowReader } from './row-reader.ts';
import { operatorKey, parseOperator } from './operators.ts';
import { parseTechs, TECH_SPELLINGS } from './parse-tech.ts';
import { BOUNDS, describeBound, withinBound, type Bound } from '../bounds.ts';

export interface BtsResult {
  records: BtsRecord[];
  /** Every row not taken, and every id generated or changed, with its feature index or line. */
  issues: InputIssue[];
  fields: ResolvedFields;
}

const BTS_OPTIONAL = [
  'id', 'site_id', 'mcc', 'radius_m', 'azimuth_deg', 'beamwidth_deg', 'height_m', 'band_mhz',
] as const;

type NumberField = 'radius_m' | 'azimuth_deg' | 'beamwidth_deg' | 'height_m' | 'band_mhz';

/** The numeric columns of a BTS row and their plausible ranges. */
const NUMBER_FIELDS: readonly [NumberField, Bound][] = [
  ['radius_m', BOUNDS.radiusM],
  ['azimuth_deg', BOUNDS.azimuthDeg],
  ['beamwidth_deg', BOUNDS.beamwidthDeg],
  ['height_m', BOUNDS.heightM],
  ['band_mhz', BOUNDS.bandMhz],
];

/** Fields whole in practice (metres of reach, MHz), whose thousands a list may write "3.500", "1.800" (see parseCount). */
const WHOLE_FIELDS: ReadonlySet<NumberField> = new Set(['radius_m', 'band_mhz']);

/** The fields a row may give as a list, one value per sector of the mast ("0/120/240"; a beamwidth once for all, or one per sector). */
const SECTOR_LISTS: ReadonlySet<NumberField> = new Set(['azimuth_deg', 'beamwidth_deg']);

/** A BTS row's position, or why it has none (checked before its fields, as the row arrives). */
type PreparedSite = { lon: number; lat: number } | { code: string; message: string };

function prepareSite(f: GeoFeature): PreparedSite {
  const p = pointOf(f);
  if (p === null) return { code: 'wrong-geometry', message: `a BTS must be a point, this is ${f.geometry ? f.geometry.type : 'empty'}.` };
  if (!isLonLat(p[0], p[1])) return { code: 'out-of-range', message: `(${p[0]}, ${p[1]}) is not a longitude/latitude.` };
  return { lon: p[0], lat: p[1] };
}

/**
 * BTS points → records, one row at a time (see row-reader.ts). Point geometry only: a layer with
 * none (a polygon layer given as BTS) is `wrong-geometry`. `operator` and `tech` must map to
 * columns (`missing-columns` otherwise, with the columns found). A row without a usable point,
 * operator or technology is reported and skipped, and so is a row whose `radius_m`,
 * `azimuth_deg`, `beamwidth_deg`, `height_m` or `band_mhz` is not a number or lies outside its
 * documented bounds (bounds.ts): a radius of 1e9 m or a beamwidth of 0 is a data error, not a
 * footprint. `site_id` defaults to the id (sites are grouped later). Every record's `source` is
 * `predicted`: the footprint comes from the radius/sector model.
 */
export function btsRows(options: RowReaderOptions): RowReader<BtsResult> {
  const records: BtsRecord[] = [];
  /** Operators and technologies by their spelling in the file (parsed once each; `mcc` not mapped). */
  const operators = new Map<string, string | null>();
  /** Each operator's name as first written in this file, by its folded key: "VODACOM" after "Vodacom" is Vodacom. */
  const spellings = new Map<string, string>();
  const techs = new Map<string, Tech[] | null>();
  return rowReader<PreparedSite, ResolvedFields, BtsResult>({
    layer: 'BTS',
    accepted: ['Point', 'MultiPoint'],
    expected: 'points',
    prepare: prepareSite,
    start: (columns, mapping) => requireFields('BTS', columns, ['operator', 'tech'], BTS_OPTIONAL, mapping),
    used: mappedColumns,
    take(fields, row, ctx) {
      const props = row.properties;
      const site = row.prepared;
      if ('code' in site) {
        skip(ctx, row.origin, site.code, site.message);
        return;
      }
      const rawOperator = fields.operator !== undefined ? props[fields.operator] : undefined;
      // A layer names a few operators over and over: each spelling is parsed once (unless an mcc column decides).
      const parsed =
        typeof rawOperator === 'string' && fields.mcc === undefined
          ? parsedOnce(operators, rawOperator, parseOperator)
          : parseOperator(rawOperator, fields.mcc !== undefined ? props[fields.mcc] : undefined);
      const operator = parsed === null ? null : oneSpelling(spellings, parsed);
      if (operator === null) {
        skip(ctx, row.origin, 'missing-operator', `no operator (column ${fields.operator}).`);
        return;
      }
      const rawTech = fields.tech !== undefined ? props[fields.tech] : undefined;
      const rowTechs = typeof rawTech === 'string' ? parsedOnce(techs, rawTech, parseTechs) : parseTechs(rawTech);
      if (rowTechs === null) {
        skip(ctx, row.origin, 'bad-tech', `technology "${String(rawTech ?? '')}" is not one of ${TECH_SPELLINGS} (or another spelling of them).`);
        return;
      }
      const values: Partial<Record<NumberField, number | null>> = {};
      /** A sector field given as a list, value by value. */
      const lists: Partial<Record<NumberField, number[]>> = {};
      let implausible: string | null = null;
      for (const [field, bound] of NUMBER_FIELDS) {
        const column = fields[field];
        const n = column === undefined ? undefined : WHOLE_FIELDS.has(field) ? parseCount(props[column]) : parseNumber(props[column]);
        const list = Number.isNaN(n) && SECTOR_LISTS.has(field) ? parseNumberList(props[column as string]) : null;
        if (n === undefined) values[field] = null;
        else if (list !== null) {
          const wrong = list.find((v) => !withinBound(v, bound));
          if (wrong !== undefined) implausible = `${field} ${wrong} in "${String(props[column as string])}" (column ${column}) is not plausible: it must be ${describeBound(bound)}.`;
          else lists[field] = list;
        } else if (Number.isNaN(n)) implausible = `${field} "${String(props[column as string])}" (column ${column}) is not a number.`;
        else if (!withinBound(n, bound)) implausible = `${field} ${String(props[column as string])} (column ${column}) is not plausible: it must be ${describeBound(bound)}.`;
        else values[field] = n;
        if (implausible) break;
      }
      // A value out of bounds, or lists that disagree, refuse the row with the sentence saying why.
      const sectors = implausible ?? sectorsOf(values, lists);
      if (typeof sectors === 'string') {
        ctx.issues.push(rowIssue(ctx, row.origin, 'out-of-bounds', `${sectors} Row skipped.`));
        return;
      }
      const id = takeId(row, fields.id, ctx);
      const siteId = textField(props, fields.site_id) ?? id;
      // A mast listed as "2G/3G/4G", or with its sectors as "0/120/240", is a cell of each technology
      // in each sector: the row's id for the first, "<id>-3G", "<id>-120", "<id>-3G-120" for the
      // others, all with the row's site and other values.
      for (let t = 0; t < rowTechs.length; t++) {
        const tech = rowTechs[t];
        for (let k = 0; k < sectors.length; k++) {
          const { azimuth, beamwidth } = sectors[k];
          const suffix = [t > 0 ? tech : null, k > 0 ? String(azimuth) : null].filter((p) => p !== null).join('-');
          records.push({
            id: suffix === '' ? id : ctx.ids.take(`${id}-${suffix}`),
            siteId,
            operator,
            tech,
            lon: site.lon,
            lat: site.lat,
            radiusM: values.radius_m ?? null,
            azimuthDeg: azimuth === null ? null : ((azimuth % 360) + 360) % 360,
            // A 360° beam is a disk.
            beamwidthDeg: beamwidth === null || beamwidth >= 360 ? null : beamwidth,
            heightM: values.height_m ?? null,
            bandMhz: values.band_mhz ?? null,
            source: 'predicted',
          });
        }
      }
    },
    result: (fields, ctx) => ({ records, issues: ctx.issues, fields }),
  }, options);
}

/** `parse(raw)`, kept in `known` by spelling: each spelling a file repeats is parsed once. */
function parsedOnce<T>(known: Map<string, T>, raw: string, parse: (raw: string) => T): T {
  let value = known.get(raw);
  if (value === undefined) {
    value = parse(raw);
    known.set(raw, value);
  }
  return value;
}

/**
 * A row's sectors: one per azimuth of a list ("0/120/240"), with the beamwidth given once for all or
 * one per azimuth; else the row's single azimuth and beamwidth. A sentence when the lists disagree.
 */
function sectorsOf(
  values: Partial<Record<NumberField, number | null>>,
  lists: Partial<Record<NumberField, number[]>>,
): { azimuth: number | null; beamwidth: number | null }[] | string {
  const azimuths = lists.azimuth_deg ?? [values.azimuth_deg ?? null];
  const beamwidths = lists.beamwidth_deg;
  if (beamwidths && beamwidths.length !== azimuths.length) {
    return `beamwidth_deg gives ${beamwidths.length} values for ${azimuths.length} azimuth${azimuths.length === 1 ? '' : 's'}: give one, or one per azimuth.`;
  }
  return azimuths.map((azimuth, k) => ({ azimuth, beamwidth: beamwidths ? beamwidths[k] : (values.beamwidth_deg ?? null) }));
}

/**
 * One name per operator in a file: names that differ only in case, diacritics, spaces or punctuation
 * are one operator, named as first written. Else two spellings at one mast made a "shared" site.
 */
function oneSpelling(spellings: Map<string, string>, name: string): string {
  const key = operatorKey(name);
  // A name without a Latin letter or digit (another script) is kept as written.
  if (key === '') return name;
  const first = spellings.get(key);
  if (first !== undefined) return first;
  spellings.set(key, name);
  return name;
}

/** Reports a skipped row (a function of its own, not a closure made per row). */
function skip(ctx: RowContext, origin: number, code: string, message: string): void {
  ctx.issues.push(rowIssue(ctx, origin, code, `${message} Row skipped.`));
}

/** BTS points → records (a whole table; see {@link btsRows}). */
export function readBts(input: LayerInput, mapping: FieldMapping = {}): BtsResult {
  return readTable(toTable(input), btsRows, mapping);
}

/** Records already read, by layer object (see {@link btsRecordsOf}). */
const recordsByLayer = new WeakMap<object, BtsRecord[]>();

/**
 * The records of a layer of BTS features, read once per layer object: the page draws the same
 * layer's footprints and shows its sites after every analysis, and reading it each time cost a few
 * to ten milliseconds on the page's thread. Throws as {@link readBts} does.
 */
export function btsRecordsOf(layer: { features: readonly GeoFeature[] }): BtsRecord[] {
  let records = recordsByLayer.get(layer);
  if (!records) {
    records = readBts(layer.features as GeoFeature[]).records;
    recordsByLayer.set(layer, records);
  }
  return records;
}
