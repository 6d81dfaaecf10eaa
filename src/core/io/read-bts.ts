import type { BtsRecord, InputIssue } from '../model.ts';
import { type FieldMapping, listColumns, requireFields, type ResolvedFields } from './field-mapping.ts';
import {
  isLonLat, type LayerInput, makeIssue, parseNumber, pointOf, requireGeometry, takeId, textField, toTable, UniqueIds,
} from './layer-input.ts';
import { parseOperator } from './operators.ts';
import { parseTech, TECH_SPELLINGS } from './parse-tech.ts';
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

/**
 * BTS points → records. Point geometry only: a layer with none (a polygon layer given as BTS) is
 * `wrong-geometry`. `operator` and `tech` must map to columns (`missing-columns` otherwise, with
 * the columns found). A row without a usable point, operator or technology is reported and
 * skipped, and so is a row whose `radius_m`, `azimuth_deg`, `beamwidth_deg`, `height_m` or
 * `band_mhz` is not a number or lies outside its documented bounds (bounds.ts): a radius of 1e9 m
 * or a beamwidth of 0 is a data error, not a footprint. `site_id` defaults to the id (sites are
 * grouped later). Every record's `source` is `predicted`: the footprint comes from the
 * radius/sector model.
 */
export function readBts(input: LayerInput, mapping: FieldMapping = {}): BtsResult {
  const table = toTable(input);
  requireGeometry(table, 'BTS', ['Point', 'MultiPoint'], 'points');
  const columns = listColumns(table.features.map((f) => f.properties));
  const fields = requireFields('BTS', columns, ['operator', 'tech'], BTS_OPTIONAL, mapping);
  const issues: InputIssue[] = table.issues ? [...table.issues] : [];
  const ids = new UniqueIds();
  const records: BtsRecord[] = [];

  for (let i = 0; i < table.features.length; i++) {
    const f = table.features[i];
    const skip = (code: string, message: string): void => {
      issues.push(makeIssue(table, i, code, `${message} Row skipped.`));
    };
    const p = pointOf(f);
    if (p === null) {
      skip('wrong-geometry', `a BTS must be a point, this is ${f.geometry ? f.geometry.type : 'empty'}.`);
      continue;
    }
    if (!isLonLat(p[0], p[1])) {
      skip('out-of-range', `(${p[0]}, ${p[1]}) is not a longitude/latitude.`);
      continue;
    }
    const rawOperator = fields.operator !== undefined ? f.properties[fields.operator] : undefined;
    const operator = parseOperator(rawOperator, fields.mcc !== undefined ? f.properties[fields.mcc] : undefined);
    if (operator === null) {
      skip('missing-operator', `no operator (column ${fields.operator}).`);
      continue;
    }
    const rawTech = fields.tech !== undefined ? f.properties[fields.tech] : undefined;
    const tech = parseTech(rawTech);
    if (tech === null) {
      skip('bad-tech', `technology "${String(rawTech ?? '')}" is not one of ${TECH_SPELLINGS} (or another spelling of them).`);
      continue;
    }
    const values: Partial<Record<NumberField, number | null>> = {};
    let implausible: string | null = null;
    for (const [field, bound] of NUMBER_FIELDS) {
      const column = fields[field];
      const n = column === undefined ? undefined : parseNumber(f.properties[column]);
      if (n === undefined) values[field] = null;
      else if (Number.isNaN(n)) implausible = `${field} "${String(f.properties[column as string])}" (column ${column}) is not a number.`;
      else if (!withinBound(n, bound)) implausible = `${field} ${String(f.properties[column as string])} (column ${column}) is not plausible: it must be ${describeBound(bound)}.`;
      else values[field] = n;
      if (implausible) break;
    }
    if (implausible) {
      issues.push(makeIssue(table, i, 'out-of-bounds', `${implausible} Row skipped.`));
      continue;
    }
    const id = takeId(table, i, fields.id, ids, issues);
    const azimuth = values.azimuth_deg ?? null;
    const beamwidth = values.beamwidth_deg ?? null;
    records.push({
      id,
      siteId: textField(f, fields.site_id) ?? id,
      operator,
      tech,
      lon: p[0],
      lat: p[1],
      radiusM: values.radius_m ?? null,
      azimuthDeg: azimuth === null ? null : ((azimuth % 360) + 360) % 360,
      // A 360° beam is a disk.
      beamwidthDeg: beamwidth === null || beamwidth >= 360 ? null : beamwidth,
      heightM: values.height_m ?? null,
      bandMhz: values.band_mhz ?? null,
      source: 'predicted',
    });
  }
  return { records, issues, fields };
}
