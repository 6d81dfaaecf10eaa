import type { InputIssue, Position } from '../model.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { normalizeName } from './normalize-text.ts';
import type { UniqueIds } from './unique-ids.ts';

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

/** A row as a typed reader's field-dependent step sees it: the feature's properties and id, and what was made of its geometry. */
export interface Row<P> {
  properties: Record<string, unknown>;
  id: string | number | undefined;
  prepared: P;
  origin: number;
}

/** Where a typed reader puts what it could not take, and its ids. */
export interface RowContext {
  where: 'feature' | 'line';
  /** What a `line` is called in messages: "line" (CSV, the default) or "row" (a spreadsheet). */
  rowWord?: 'line' | 'row';
  issues: InputIssue[];
  ids: UniqueIds;
}

/** The index or line number of row `i`, as issues report it. */
export function originOf(table: FeatureTable, i: number): number {
  return table.origins ? table.origins[i] : i;
}

/**
 * An issue about the row at `index`: a feature index, or a line (a CSV's) or row (a spreadsheet's),
 * as `at.where` and `at.rowWord` say.
 */
export function rowIssue(at: { where: 'feature' | 'line'; rowWord?: 'line' | 'row' }, index: number, code: string, message: string): InputIssue {
  const where = at.where === 'line' ? `${at.rowWord ?? 'line'} ${index}` : `feature ${index}`;
  return { index, where: at.where, code, message: `${where}: ${message}` };
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

/**
 * A count (people, households): digits grouped by threes with one separator, dots as Vietnamese
 * writes thousands ("1.234", "12.345.678"), commas or spaces ("1,234", "12 345"), are thousands,
 * never decimals: nobody counts 1.234 people. Anything else as {@link parseNumber} reads it.
 */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const s = value.trim();
    if (/^\d{1,3}([., \u00a0\u202f])\d{3}(?:\1\d{3})*$/.test(s)) return Number(s.replace(/[., \u00a0\u202f]/g, ''));
  }
  return parseNumber(value);
}

/**
 * Several numbers in one cell, as site lists give a mast's sectors: "0/120/240", "0; 120; 240",
 * "0, 120, 240", "0 120 240", "0-120-240" (each part as {@link parseNumber} reads it, so "117,5"
 * alone is one decimal number, not a list). Null unless there are at least two parts and every
 * one is a number.
 */
export function parseNumberList(value: unknown): number[] | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let parts: string[];
  // Dashes join a list only between unsigned numbers ("0-120-240"); "-30" is a number.
  if (/^\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)+$/.test(s)) parts = s.split('-');
  else if (/[/;|]/.test(s)) parts = s.split(/[/;|]/);
  // Commas: a list when one is followed by a space or there are several ("117,5" is a decimal).
  else if (/,\s/.test(s) || s.indexOf(',') !== s.lastIndexOf(',')) parts = s.split(',');
  else parts = s.split(/\s+/);
  return parts.length >= 2 ? numbersOf(parts) : null;
}

function numbersOf(parts: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const part of parts) {
    const n = parseNumber(part);
    if (n === undefined || Number.isNaN(n)) return null;
    out.push(n);
  }
  return out;
}

export function isLonLat(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/**
 * The record id: from the mapped column, else the feature's own `id`, else generated from the
 * row ("row-12" for feature 11, "line-12" for CSV line 12). Duplicates are made unique. Both
 * cases are reported.
 */
export function takeId(row: Row<unknown>, column: string | undefined, ctx: RowContext): string {
  let raw = column !== undefined ? normalizeName(row.properties[column]) : null;
  if (raw === null && row.id !== undefined) raw = normalizeName(row.id);
  if (raw === null) {
    raw = ctx.where === 'line' ? `line-${row.origin}` : `row-${row.origin + 1}`;
    ctx.issues.push(rowIssue(ctx, row.origin, 'generated-id', `no id, so it was given the id "${raw}" from its position.`));
  }
  const id = ctx.ids.take(raw);
  if (id !== raw) {
    ctx.issues.push(rowIssue(ctx, row.origin, 'duplicate-id', `the id "${raw}" was already used; this one is now "${id}".`));
  }
  return id;
}

/**
 * The refusal of a layer in which not one feature has an accepted geometry type (a point layer
 * loaded as villages, a polygon layer loaded as BTS); it says what the file probably is.
 */
export function wrongGeometry(layer: string, found: readonly string[], accepted: readonly string[], expected: string): InputError {
  const what = found.length > 0 ? found.join(', ') : 'no geometry';
  const suggestion = guessLayer(found);
  return new InputError(
    'wrong-geometry',
    `This file holds ${what}, but ${layer} must be ${expected}.` +
      (suggestion ? ` It looks like a ${suggestion} layer: load it there, or choose the right file for ${layer}.` :
        ` Choose a file of ${expected} for ${layer}.`),
    { layer, found: [...found], expected: accepted },
  );
}

function guessLayer(found: readonly string[]): string | null {
  if (found.some((t) => t === 'Polygon' || t === 'MultiPolygon')) return 'villages (polygon)';
  if (found.some((t) => t === 'Point' || t === 'MultiPoint')) return 'BTS or settlements (point)';
  if (found.some((t) => t === 'LineString' || t === 'MultiLineString')) return 'fibre (line)';
  return null;
}

/** A point from a Point (or single-point MultiPoint) geometry, not to be changed; null otherwise. */
export function pointOf(feature: GeoFeature): Position | null {
  const g = feature.geometry;
  if (!g) return null;
  let p: unknown;
  if (g.type === 'Point') p = g.coordinates;
  else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1) p = g.coordinates[0];
  else return null;
  if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
  // Exactly [lon, lat] is given as it is (a reader takes its numbers, it keeps no position).
  return p.length === 2 ? (p as Position) : [p[0], p[1]];
}

/** A NFC string or null from a mapped column. */
export function textField(properties: Record<string, unknown>, column: string | undefined): string | null {
  return column === undefined ? null : normalizeName(properties[column]);
}

/**
 * A non-negative count from a mapped column ({@link parseCount}: "1.234" people are 1,234); a value
 * that is present but not a number, or negative, is reported and read as null.
 */
export function countField(row: Row<unknown>, column: string | undefined, field: string, ctx: RowContext): number | null {
  if (column === undefined) return null;
  const n = parseCount(row.properties[column]);
  if (n === undefined) return null;
  if (Number.isNaN(n) || n < 0) {
    ctx.issues.push(rowIssue(ctx, row.origin, 'bad-number',
      `${field} "${String(row.properties[column])}" (column ${column}) is not a non-negative number; ignored.`));
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
