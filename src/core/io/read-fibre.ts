import type { FibrePoint, FibreRoute, InputIssue, Position } from '../model.ts';
import { type FieldMapping, mappedColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { isLonLat, type LayerInput, pointOf, rowIssue, takeId, textField, toTable } from './layer-input.ts';
import { readTable, type RowReader, type RowReaderOptions, rowReader } from './row-reader.ts';

export interface FibreResult {
  /** One route per LineString, one per part of a MultiLineString ("id/2" for its second part). */
  routes: FibreRoute[];
  /** Access points (splitters, cabinets, ODFs, nodes). */
  points: FibrePoint[];
  issues: InputIssue[];
  fields: ResolvedFields;
}

/** A fibre row's geometry as it arrived: an access point, route parts, or why it is skipped. */
type PreparedFibre =
  | { point: Position }
  | { parts: Position[][] }
  | { code: string; message: string };

function prepareFibre(f: GeoFeature): PreparedFibre {
  const g = f.geometry;
  const p = pointOf(f);
  if (p !== null) {
    return isLonLat(p[0], p[1]) ? { point: p } : { code: 'out-of-range', message: `(${p[0]}, ${p[1]}) is not a longitude/latitude. Skipped.` };
  }
  if (g === null || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
    return { code: 'wrong-geometry', message: `fibre must be lines or points, this is ${g ? g.type : 'empty'}. Skipped.` };
  }
  const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates).map(readLine);
  if (parts.some((c) => c === null)) return { code: 'out-of-range', message: 'a position is not a longitude/latitude. Skipped.' };
  const good = parts.filter((c): c is Position[] => c !== null && c.length >= 2);
  if (good.length === 0) return { code: 'empty-geometry', message: 'the line has fewer than two distinct positions. Skipped.' };
  return { parts: good };
}

/**
 * Fibre routes (LineString/MultiLineString) and access points (Point) → records, one row at a time
 * (see row-reader.ts). A layer with neither is `wrong-geometry`; other geometries, routes with
 * fewer than two distinct positions (an empty MultiLineString) and positions outside lon/lat
 * range are reported and skipped.
 */
export function fibreRows(options: RowReaderOptions): RowReader<FibreResult> {
  const routes: FibreRoute[] = [];
  const points: FibrePoint[] = [];
  return rowReader<PreparedFibre, ResolvedFields, FibreResult>({
    layer: 'fibre',
    accepted: ['LineString', 'MultiLineString', 'Point', 'MultiPoint'],
    expected: 'lines (routes) or points (access points)',
    prepare: prepareFibre,
    start: (columns, mapping) => resolveFields(columns, ['id', 'operator', 'kind'], mapping),
    used: mappedColumns,
    take(fields, row, ctx) {
      const g = row.prepared;
      if ('code' in g) {
        ctx.issues.push(rowIssue(ctx, row.origin, g.code, g.message));
        return;
      }
      const operator = textField(row.properties, fields.operator);
      const kind = textField(row.properties, fields.kind);
      const id = takeId(row, fields.id, ctx);
      if ('point' in g) {
        points.push({ id, operator, kind, lon: g.point[0], lat: g.point[1] });
        return;
      }
      g.parts.forEach((coordinates, k) => {
        routes.push({ id: g.parts.length === 1 ? id : `${id}/${k + 1}`, operator, kind, coordinates });
      });
    },
    result: (fields, ctx) => ({ routes, points, issues: ctx.issues, fields }),
  }, options);
}

/** Fibre routes and access points → records (a whole table; see {@link fibreRows}). */
export function readFibre(input: LayerInput, mapping: FieldMapping = {}): FibreResult {
  return readTable(toTable(input), fibreRows, mapping);
}

/** Positions of a line without consecutive repeats; null when one is not lon/lat. */
function readLine(coords: unknown): Position[] | null {
  if (!Array.isArray(coords)) return null;
  const out: Position[] = [];
  for (const c of coords) {
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number' || !isLonLat(c[0], c[1])) return null;
    const last = out[out.length - 1];
    if (!last || last[0] !== c[0] || last[1] !== c[1]) out.push([c[0], c[1]]);
  }
  return out;
}
