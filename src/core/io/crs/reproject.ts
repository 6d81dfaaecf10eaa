import proj4, { type Converter } from 'proj4';
import type { GeoFeature, GeoGeometry, GeoPosition } from '../geojson-types.ts';
import { type CrsDefinition, WGS84_PROJ4 } from './crs-registry.ts';

/**
 * Coordinates from a file's CRS to WGS84 longitude/latitude and back, with proj4js (checked against
 * PROJ's cs2cs to 1e-10° for every VN-2000 zone in the tests).
 */

export type Transform = (x: number, y: number) => [number, number];

const converters = new Map<string, Converter>();

function converter(def: CrsDefinition): Converter {
  let c = converters.get(def.proj4);
  if (c === undefined) {
    c = proj4(def.proj4, WGS84_PROJ4);
    converters.set(def.proj4, c);
  }
  return c;
}

/** x/y in `def` → [lon, lat] on WGS84. NaN when the point cannot be projected. */
export function toWgs84(def: CrsDefinition): Transform {
  if (def.isWgs84) return (x, y) => [x, y];
  const c = converter(def);
  return (x, y) => {
    const p = c.forward([x, y]);
    return [p[0], p[1]];
  };
}

/** [lon, lat] on WGS84 → x/y in `def`. */
export function fromWgs84(def: CrsDefinition): Transform {
  if (def.isWgs84) return (x, y) => [x, y];
  const c = converter(def);
  return (lon, lat) => {
    const p = c.inverse([lon, lat]);
    return [p[0], p[1]];
  };
}

/** A geometry with every position passed through `transform` (a new geometry; the input is not changed). */
export function transformGeometry(g: GeoGeometry, transform: Transform): GeoGeometry {
  const pos = (p: GeoPosition): GeoPosition => {
    const [x, y] = transform(p[0], p[1]);
    return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
  };
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: pos(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: g.type, coordinates: g.coordinates.map(pos) } as GeoGeometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(pos)) } as GeoGeometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(pos))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((s) => transformGeometry(s, transform)) };
  }
}

/** Features reprojected from `def` to WGS84 (new features; properties shared). */
export function reprojectFeatures(features: readonly GeoFeature[], def: CrsDefinition): GeoFeature[] {
  if (def.isWgs84) return [...features];
  const transform = toWgs84(def);
  return features.map((f) => ({ ...f, geometry: f.geometry === null ? null : transformGeometry(f.geometry, transform) }));
}
