import type { InputIssue, Position } from '../model.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { normalizeName } from './normalize-text.ts';

/**
 * Shared plumbing of the typed readers (villages, BTS, fibre, settlements): what they accept,
 * how they number rows, parse numbers, make ids unique and refuse a layer of the wrong shape.
 */

/** What a typed reader accepts: features, a FeatureCollection, or a table from the CSV reader. */
export type LayerInput = FeatureTable | readonly GeoFeature[] | { type: 'FeatureCollection'; features: GeoFeature[] };

export function toTable(input: LayerInput): FeatureTable {
  if (Array.isArray(input)) return { features: input as GeoFeature[], where: 'feature' };
  const obj = input as FeatureTable | { type: 'FeatureCollection'; features: GeoFeature[] };
  if ('where' in obj) return obj;
  return { features: obj.features, where: 'feature' };
}

/** The index or line number of row `i`, as issues report it. */
export function originOf(table: FeatureTable, i: number): number {
  return table.origins ? table.origins[i] : i;
}

export function makeIssue(table: FeatureTable, i: number, code: string, message: string): InputIssue {
  const index = originOf(table, i);
  const at = table.where === 'line' ? `${table.rowWord ?? 'line'} ${index}` : `feature ${index}`;
  return { index, where: table.where, code, message: `${at}: ${message}` };
}

/**
 * A number from a property: numbers as they are, strings trimmed with a decimal comma accepted
 * ("3,5"). `undefined` when absent or empty, NaN when present but not a number.
 */
export function parseNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (s === '') return undefined;
  const text = /^[-+]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

export function isLonLat(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/** Keeps ids unique: the second "a" becomes "a#2", the third "a#3", and so on. */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  /** The id to use, and whether it had to be changed. */
  take(id: string): { id: string; changed: boolean } {
    const n = this.seen.get(id);
    if (n === undefined) {
      this.seen.set(id, 1);
      return { id, changed: false };
    }
    let k = n + 1;
    while (this.seen.has(`${id}#${k}`)) k++;
    this.seen.set(id, k);
    const unique = `${id}#${k}`;
    this.seen.set(unique, 1);
    return { id: unique, changed: true };
  }
}

/**
 * The record id: from the mapped column, else the feature's own `id`, else generated from the
 * row ("row-12" for feature 12, "line-12" for CSV line 12). Duplicates are made unique. Both
 * cases are reported.
 */
export function takeId(
  table: FeatureTable,
  i: number,
  column: string | undefined,
  ids: UniqueIds,
  issues: InputIssue[],
): string {
  const feature = table.features[i];
  let raw = column !== undefined ? normalizeName(feature.properties[column]) : null;
  if (raw === null && feature.id !== undefined) raw = normalizeName(feature.id);
  if (raw === null) {
    const origin = originOf(table, i);
    raw = table.where === 'line' ? `line-${origin}` : `row-${origin + 1}`;
    issues.push(makeIssue(table, i, 'generated-id', `no id, so it was given the id "${raw}" from its position.`));
  }
  const { id, changed } = ids.take(raw);
  if (changed) {
    issues.push(makeIssue(table, i, 'duplicate-id', `the id "${raw}" was already used; this one is now "${id}".`));
  }
  return id;
}

/** Counts of geometry types in a table, for refusing a layer of the wrong shape. */
export function geometryCounts(table: FeatureTable): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of table.features) {
    const t = f.geometry ? f.geometry.type : 'none';
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

/**
 * Throws `wrong-geometry` when not one feature has an accepted type (a point layer loaded as
 * villages, a polygon layer loaded as BTS). `suggestion` says what the file probably is.
 */
export function requireGeometry(
  table: FeatureTable,
  layer: string,
  accepted: readonly string[],
  expected: string,
): void {
  if (table.features.length === 0) return;
  const counts = geometryCounts(table);
  if (accepted.some((t) => (counts[t] ?? 0) > 0)) return;
  const found = Object.keys(counts).filter((t) => t !== 'none');
  const what = found.length > 0 ? found.join(', ') : 'no geometry';
  const suggestion = guessLayer(found);
  throw new InputError(
    'wrong-geometry',
    `This file holds ${what}, but ${layer} must be ${expected}.` +
      (suggestion ? ` It looks like a ${suggestion} layer: load it there, or choose the right file for ${layer}.` :
        ` Choose a file of ${expected} for ${layer}.`),
    { layer, found, expected: accepted },
  );
}

function guessLayer(found: readonly string[]): string | null {
  if (found.some((t) => t === 'Polygon' || t === 'MultiPolygon')) return 'villages (polygon)';
  if (found.some((t) => t === 'Point' || t === 'MultiPoint')) return 'BTS or settlements (point)';
  if (found.some((t) => t === 'LineString' || t === 'MultiLineString')) return 'fibre (line)';
  return null;
}

/** A point from a Point (or single-point MultiPoint) geometry; null otherwise. */
export function pointOf(feature: GeoFeature): Position | null {
  const g = feature.geometry;
  if (!g) return null;
  let p: unknown;
  if (g.type === 'Point') p = g.coordinates;
  else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1) p = g.coordinates[0];
  else return null;
  if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
  return [p[0], p[1]];
}

/** A NFC string or null from a mapped column. */
export function textField(feature: GeoFeature, column: string | undefined): string | null {
  return column === undefined ? null : normalizeName(feature.properties[column]);
}

/**
 * A non-negative number from a mapped column; a value that is present but not a number, or
 * negative, is reported and read as null.
 */
export function countField(
  table: FeatureTable,
  i: number,
  column: string | undefined,
  field: string,
  issues: InputIssue[],
): number | null {
  if (column === undefined) return null;
  const n = parseNumber(table.features[i].properties[column]);
  if (n === undefined) return null;
  if (Number.isNaN(n) || n < 0) {
    issues.push(makeIssue(table, i, 'bad-number',
      `${field} "${String(table.features[i].properties[column])}" (column ${column}) is not a non-negative number; ignored.`));
    return null;
  }
  return n;
}

/** A lon/lat box. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The bounding box of a geometry, or null when it has no position. */
export function geometryBox(g: GeoGeometry | null): Rect | null {
  if (!g) return null;
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box.minX = Math.min(box.minX, c[0]);
      box.maxX = Math.max(box.maxX, c[0]);
      box.minY = Math.min(box.minY, c[1]);
      box.maxY = Math.max(box.maxY, c[1]);
      return;
    }
    for (const sub of c) visit(sub);
  };
  const walk = (geom: GeoGeometry): void => {
    if (geom.type === 'GeometryCollection') for (const sub of geom.geometries ?? []) walk(sub);
    else visit(geom.coordinates);
  };
  walk(g);
  return box.minX === Infinity ? null : box;
}

/** True when the boxes overlap (touching counts). */
export function boxesMeet(a: Rect, b: Rect): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}
