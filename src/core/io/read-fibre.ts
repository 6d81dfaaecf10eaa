import type { FibrePoint, FibreRoute, InputIssue, Position } from '../model.ts';
import { type FieldMapping, listColumns, type ResolvedFields, resolveFields } from './field-mapping.ts';
import {
  isLonLat, type LayerInput, makeIssue, pointOf, requireGeometry, takeId, textField, toTable, UniqueIds,
} from './layer-input.ts';

export interface FibreResult {
  /** One route per LineString, one per part of a MultiLineString ("id/2" for its second part). */
  routes: FibreRoute[];
  /** Access points (splitters, cabinets, ODFs, nodes). */
  points: FibrePoint[];
  issues: InputIssue[];
  fields: ResolvedFields;
}

/**
 * Fibre routes (LineString/MultiLineString) and access points (Point) → records. A layer with
 * neither is `wrong-geometry`; other geometries, routes with fewer than two distinct positions
 * (an empty MultiLineString) and positions outside lon/lat range are reported and skipped.
 */
export function readFibre(input: LayerInput, mapping: FieldMapping = {}): FibreResult {
  const table = toTable(input);
  requireGeometry(table, 'fibre', ['LineString', 'MultiLineString', 'Point', 'MultiPoint'],
    'lines (routes) or points (access points)');
  const fields = resolveFields(listColumns(table.features.map((f) => f.properties)), ['id', 'operator', 'kind'], mapping);
  const issues: InputIssue[] = table.issues ? [...table.issues] : [];
  const ids = new UniqueIds();
  const routes: FibreRoute[] = [];
  const points: FibrePoint[] = [];

  for (let i = 0; i < table.features.length; i++) {
    const f = table.features[i];
    const g = f.geometry;
    const operator = textField(f, fields.operator);
    const kind = textField(f, fields.kind);
    const p = pointOf(f);
    if (p !== null) {
      if (!isLonLat(p[0], p[1])) {
        issues.push(makeIssue(table, i, 'out-of-range', `(${p[0]}, ${p[1]}) is not a longitude/latitude. Skipped.`));
        continue;
      }
      points.push({ id: takeId(table, i, fields.id, ids, issues), operator, kind, lon: p[0], lat: p[1] });
      continue;
    }
    if (g === null || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
      issues.push(makeIssue(table, i, 'wrong-geometry',
        `fibre must be lines or points, this is ${g ? g.type : 'empty'}. Skipped.`));
      continue;
    }
    const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates).map(readLine);
    const good = parts.filter((c): c is Position[] => c !== null && c.length >= 2);
    if (parts.some((c) => c === null)) {
      issues.push(makeIssue(table, i, 'out-of-range', 'a position is not a longitude/latitude. Skipped.'));
      continue;
    }
    if (good.length === 0) {
      issues.push(makeIssue(table, i, 'empty-geometry', 'the line has fewer than two distinct positions. Skipped.'));
      continue;
    }
    const id = takeId(table, i, fields.id, ids, issues);
    good.forEach((coordinates, k) => {
      routes.push({ id: good.length === 1 ? id : `${id}/${k + 1}`, operator, kind, coordinates });
    });
  }
  return { routes, points, issues, fields };
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
