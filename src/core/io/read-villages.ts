import type { InputIssue, Position, VillageRecord } from '../model.ts';
import { type FieldMapping, listColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import {
  countField, isLonLat, type LayerInput, makeIssue, parseNumber, requireGeometry, takeId, textField, toTable, UniqueIds,
} from './layer-input.ts';
import { repairPolygon } from './repair-polygon.ts';

export interface VillagesResult {
  /** One record per input feature, in input order: valid, repaired, or kept with `invalidReason`. */
  records: VillageRecord[];
  issues: InputIssue[];
  /** The columns used for each field, for the app's mapping step. */
  fields: ResolvedFields;
}

const VILLAGE_FIELDS = [
  'id', 'name', 'commune', 'district', 'province', 'population', 'households', 'centre_lon', 'centre_lat', 'centre',
] as const;

/**
 * Village polygons → records. Polygon/MultiPolygon only: a layer with none (a point layer given as
 * villages) is `wrong-geometry`. No village is dropped: a feature without a usable polygon is kept
 * with `invalidReason` and reported. Ids come from the mapped column, else the feature id, else the
 * row ("row-3"), and duplicates become unique ("a#2"); both are reported. A missing name falls back
 * to the id. Geometry is repaired by {@link repairPolygon}.
 */
export function readVillages(input: LayerInput, mapping: FieldMapping = {}): VillagesResult {
  const table = toTable(input);
  requireGeometry(table, 'villages', ['Polygon', 'MultiPolygon'], 'polygons (Polygon or MultiPolygon)');
  const fields = resolveFields(listColumns(table.features.map((f) => f.properties)), VILLAGE_FIELDS, mapping);
  const issues: InputIssue[] = table.issues ? [...table.issues] : [];
  const ids = new UniqueIds();
  const records: VillageRecord[] = [];

  for (let i = 0; i < table.features.length; i++) {
    const f = table.features[i];
    const id = takeId(table, i, fields.id, ids, issues);
    const record: VillageRecord = {
      id,
      name: textField(f, fields.name) ?? id,
      commune: textField(f, fields.commune),
      district: textField(f, fields.district),
      province: textField(f, fields.province),
      population: countField(table, i, fields.population, 'population', issues),
      households: countField(table, i, fields.households, 'households', issues),
      centre: readCentre(f, fields, (message) => issues.push(makeIssue(table, i, 'bad-centre', message))),
      geometry: [],
    };
    const g = f.geometry;
    if (g === null) {
      record.invalidReason = 'no-geometry';
    } else if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      record.invalidReason = 'not-a-polygon';
    } else {
      const repair = repairPolygon(g);
      record.geometry = repair.geometry;
      if (repair.repairs.length > 0) record.repairs = repair.repairs;
      if (repair.invalidReason !== undefined) record.invalidReason = repair.invalidReason;
      else if (!allInRange(repair.geometry)) record.invalidReason = 'out-of-range';
      if (repair.repairs.includes('area-lost') && repair.areaChange !== undefined) {
        issues.push(makeIssue(table, i, 'area-lost',
          `repairing the polygon of "${id}" changed its area by ${(repair.areaChange * 100).toFixed(3)}%.`));
      }
    }
    if (record.invalidReason !== undefined) {
      issues.push(makeIssue(table, i, 'invalid-geometry',
        `village "${id}" kept as invalid: ${record.invalidReason}` +
        (g && g.type !== 'Polygon' && g.type !== 'MultiPolygon' ? ` (its geometry is a ${g.type})` : '') + '.'));
    }
    records.push(record);
  }
  return { records, issues, fields };
}

function readCentre(f: GeoFeature, fields: ResolvedFields, report: (message: string) => void): Position | null {
  let lon: number | undefined;
  let lat: number | undefined;
  if (fields.centre_lon !== undefined && fields.centre_lat !== undefined) {
    lon = parseNumber(f.properties[fields.centre_lon]);
    lat = parseNumber(f.properties[fields.centre_lat]);
  } else if (fields.centre !== undefined) {
    const c = f.properties[fields.centre];
    if (Array.isArray(c) && c.length >= 2) {
      lon = parseNumber(c[0]);
      lat = parseNumber(c[1]);
    } else if (c !== null && c !== undefined && c !== '') {
      lon = NaN;
      lat = NaN;
    }
  }
  if (lon === undefined && lat === undefined) return null;
  if (lon === undefined || lat === undefined || !isLonLat(lon, lat)) {
    report(`the centre (${String(lon)}, ${String(lat)}) is not a longitude/latitude; the polygon's interior point is used instead.`);
    return null;
  }
  return [lon, lat];
}

function allInRange(geometry: VillageRecord['geometry']): boolean {
  for (const poly of geometry) for (const ring of poly) for (const p of ring) if (!isLonLat(p[0], p[1])) return false;
  return true;
}
