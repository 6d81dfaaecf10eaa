import type { InputIssue, Position, VillageRecord } from '../model.ts';
import { type FieldMapping, mappedColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { countField, isLonLat, type LayerInput, parseNumber, rowIssue, takeId, textField, toTable } from './layer-input.ts';
import { readTable, type RowReader, type RowReaderOptions, rowReader } from './row-reader.ts';
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

/** What a village's geometry made as it arrived: the repaired polygon, or why it could not be. */
interface PreparedVillage {
  geometry: VillageRecord['geometry'];
  repairs?: string[];
  invalidReason?: string;
  /** The geometry's type when it is not a polygon (for the message). */
  otherType?: string;
  areaChange?: number;
}

/** The geometry of a village row, independent of its fields: repaired now, so the feature need not be kept. */
function prepareVillage(f: GeoFeature): PreparedVillage {
  const g = f.geometry;
  if (g === null) return { geometry: [], invalidReason: 'no-geometry' };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { geometry: [], invalidReason: 'not-a-polygon', otherType: g.type };
  const repair = repairPolygon(g);
  const out: PreparedVillage = { geometry: repair.geometry };
  if (repair.repairs.length > 0) out.repairs = repair.repairs;
  if (repair.invalidReason !== undefined) out.invalidReason = repair.invalidReason;
  else if (!allInRange(repair.geometry)) out.invalidReason = 'out-of-range';
  if (repair.repairs.includes('area-lost') && repair.areaChange !== undefined) out.areaChange = repair.areaChange;
  return out;
}

/**
 * Village polygons → records, one row at a time (see row-reader.ts). Polygon/MultiPolygon only: a
 * layer with none (a point layer given as villages) is `wrong-geometry`. No village is dropped: a
 * feature without a usable polygon is kept with `invalidReason` and reported. Ids come from the
 * mapped column, else the feature id, else the row ("row-3"), and duplicates become unique
 * ("a#2"); both are reported. A missing name falls back to the id. Geometry is repaired by
 * {@link repairPolygon} as the row arrives.
 */
export function villageRows(options: RowReaderOptions): RowReader<VillagesResult> {
  const records: VillageRecord[] = [];
  return rowReader<PreparedVillage, ResolvedFields, VillagesResult>({
    layer: 'villages',
    accepted: ['Polygon', 'MultiPolygon'],
    expected: 'polygons (Polygon or MultiPolygon)',
    prepare: prepareVillage,
    start: (columns, mapping) => resolveFields(columns, VILLAGE_FIELDS, mapping),
    used: mappedColumns,
    take(fields, row, ctx) {
      const p = row.properties;
      const id = takeId(row, fields.id, ctx);
      const record: VillageRecord = {
        id,
        name: textField(p, fields.name) ?? id,
        commune: textField(p, fields.commune),
        district: textField(p, fields.district),
        province: textField(p, fields.province),
        population: countField(row, fields.population, 'population', ctx),
        households: countField(row, fields.households, 'households', ctx),
        centre: readCentre(p, fields, (message) => ctx.issues.push(rowIssue(ctx, row.origin, 'bad-centre', message))),
        geometry: row.prepared.geometry,
      };
      const g = row.prepared;
      if (g.repairs) record.repairs = g.repairs;
      if (g.invalidReason !== undefined) record.invalidReason = g.invalidReason;
      if (g.areaChange !== undefined) {
        ctx.issues.push(rowIssue(ctx, row.origin, 'area-lost',
          `repairing the polygon of "${id}" changed its area by ${(g.areaChange * 100).toFixed(3)}%.`));
      }
      if (record.invalidReason !== undefined) {
        ctx.issues.push(rowIssue(ctx, row.origin, 'invalid-geometry',
          `village "${id}" kept as invalid: ${record.invalidReason}` + (g.otherType ? ` (its geometry is a ${g.otherType})` : '') + '.'));
      }
      records.push(record);
    },
    result: (fields, ctx) => ({ records, issues: ctx.issues, fields }),
  }, options);
}

/** Village polygons → records (a whole table; see {@link villageRows}). */
export function readVillages(input: LayerInput, mapping: FieldMapping = {}): VillagesResult {
  return readTable(toTable(input), villageRows, mapping);
}

function readCentre(p: Record<string, unknown>, fields: ResolvedFields, report: (message: string) => void): Position | null {
  let lon: number | undefined;
  let lat: number | undefined;
  if (fields.centre_lon !== undefined && fields.centre_lat !== undefined) {
    lon = parseNumber(p[fields.centre_lon]);
    lat = parseNumber(p[fields.centre_lat]);
  } else if (fields.centre !== undefined) {
    const c = p[fields.centre];
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
