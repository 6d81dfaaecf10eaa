import type { BtsRecord, InputIssue } from '../model.ts';
import { type FieldMapping, listColumns, requireFields, type ResolvedFields } from './field-mapping.ts';
import {
  isLonLat, type LayerInput, makeIssue, parseNumber, pointOf, requireGeometry, takeId, textField, toTable, UniqueIds,
} from './layer-input.ts';
import { parseOperator } from './operators.ts';
import { parseTech } from './parse-tech.ts';

export interface BtsResult {
  records: BtsRecord[];
  /** Every row not taken, and every id generated or changed, with its feature index or line. */
  issues: InputIssue[];
  fields: ResolvedFields;
}

const BTS_OPTIONAL = [
  'id', 'site_id', 'mcc', 'radius_m', 'azimuth_deg', 'beamwidth_deg', 'height_m', 'band_mhz',
] as const;

/**
 * BTS points → records. Point geometry only: a layer with none (a polygon layer given as BTS) is
 * `wrong-geometry`. `operator` and `tech` must map to columns (`missing-columns` otherwise, with
 * the columns found). A row without a usable point, operator or technology is reported and
 * skipped. `site_id` defaults to the id (sites are grouped later). Every record's `source` is
 * `predicted`: the footprint comes from the radius/sector model.
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
      skip('bad-tech', `technology "${String(rawTech ?? '')}" is not one of 2G, 3G, 4G, 5G, GSM, UMTS, CDMA, LTE, NR.`);
      continue;
    }
    const id = takeId(table, i, fields.id, ids, issues);
    const number = (column: string | undefined, name: string, ok: (n: number) => boolean): number | null => {
      if (column === undefined) return null;
      const n = parseNumber(f.properties[column]);
      if (n === undefined) return null;
      if (Number.isNaN(n) || !ok(n)) {
        issues.push(makeIssue(table, i, 'bad-number',
          `${name} "${String(f.properties[column])}" (column ${column}) is out of range; ignored.`));
        return null;
      }
      return n;
    };
    const azimuth = number(fields.azimuth_deg, 'azimuth_deg', (n) => n >= -360 && n <= 720);
    const beamwidth = number(fields.beamwidth_deg, 'beamwidth_deg', (n) => n > 0 && n <= 360);
    records.push({
      id,
      siteId: textField(f, fields.site_id) ?? id,
      operator,
      tech,
      lon: p[0],
      lat: p[1],
      radiusM: number(fields.radius_m, 'radius_m', (n) => n > 0),
      azimuthDeg: azimuth === null ? null : ((azimuth % 360) + 360) % 360,
      // A 360° beam is a disk.
      beamwidthDeg: beamwidth === null || beamwidth >= 360 ? null : beamwidth,
      heightM: number(fields.height_m, 'height_m', (n) => n >= 0),
      bandMhz: number(fields.band_mhz, 'band_mhz', (n) => n > 0),
      source: 'predicted',
    });
  }
  return { records, issues, fields };
}
