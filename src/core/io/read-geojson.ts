import { decodeText } from './decode-text.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { errorMessage } from '../error-message.ts';

export { readVillages, type VillagesResult } from './read-villages.ts';
export { readBts, type BtsResult } from './read-bts.ts';
export { readFibre, type FibreResult } from './read-fibre.ts';
export { readSettlements, type SettlementsResult } from './read-settlements.ts';

/**
 * GeoJSON in: text or bytes → a {@link FeatureTable} of Features. Accepts a FeatureCollection, one
 * Feature or a bare geometry. Refuses another CRS (a `crs` member naming anything but CRS84 /
 * EPSG:4326), coordinates that are mostly outside lon/lat range (projected metres), and empty input.
 */

const GEOMETRY_TYPES = new Set([
  'Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection',
]);

const WGS84_NAMES = [
  /^urn:ogc:def:crs:ogc:(1\.3:)?crs84$/i,
  /^urn:ogc:def:crs:epsg:[^:]*:4326$/i,
  /^epsg:4326$/i,
  /^crs84$/i,
  /^(ogc:)?crs:?84$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/(ogc\/1\.3\/crs84|epsg\/0\/4326)$/i,
];

/**
 * Parses GeoJSON text or bytes into features; see the module comment for what is refused. With
 * `anyCrs` the `crs` member is not refused but handed on as `declaredCrs` (and coordinates are not
 * range-checked): the caller reprojects.
 */
export function parseGeoJson(input: string | Uint8Array | ArrayBuffer, options: { anyCrs?: boolean } = {}): FeatureTable {
  const text = decodeText(input, 'The GeoJSON file');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const detail = errorMessage(error);
    throw new InputError(
      'not-geojson',
      `This is not valid JSON (${detail}). Export the layer again as GeoJSON (RFC 7946).`,
      { detail },
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw notGeoJson(Array.isArray(doc) ? 'an array' : typeof doc);
  }
  const obj = doc as Record<string, unknown>;
  if (!options.anyCrs) checkGeoJsonCrs(obj.crs);
  let features: GeoFeature[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) throw notGeoJson('a FeatureCollection without a "features" array');
    features = obj.features.map((f, i) => toFeature(f, i));
  } else if (obj.type === 'Feature') {
    features = [toFeature(obj, 0)];
  } else if (typeof obj.type === 'string' && GEOMETRY_TYPES.has(obj.type)) {
    features = [{ type: 'Feature', properties: {}, geometry: obj as unknown as GeoGeometry }];
  } else {
    throw notGeoJson(`an object of type "${String(obj.type)}"`);
  }
  if (features.length === 0) {
    throw new InputError('no-features', 'The GeoJSON file contains no features. Choose a file with data in it.');
  }
  if (options.anyCrs) return { features, where: 'feature', declaredCrs: crsName(obj.crs) };
  checkLonLatRange(features);
  return { features, where: 'feature' };
}

function notGeoJson(what: string): InputError {
  return new InputError(
    'not-geojson',
    `This JSON is ${what}, not GeoJSON. Expected a FeatureCollection, a Feature or a geometry.`,
    { what },
  );
}

function toFeature(value: unknown, i: number): GeoFeature {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'Feature') {
    throw new InputError('not-geojson', `Feature ${i} is not a GeoJSON Feature. Fix or remove it and try again.`, {
      index: i,
    });
  }
  const f = value as { id?: unknown; properties?: unknown; geometry?: unknown };
  const properties =
    typeof f.properties === 'object' && f.properties !== null && !Array.isArray(f.properties)
      ? (f.properties as Record<string, unknown>)
      : {};
  const geometry =
    typeof f.geometry === 'object' && f.geometry !== null && GEOMETRY_TYPES.has((f.geometry as { type?: string }).type ?? '')
      ? (f.geometry as GeoGeometry)
      : null;
  const out: GeoFeature = { type: 'Feature', properties, geometry };
  if (typeof f.id === 'string' || typeof f.id === 'number') out.id = f.id;
  return out;
}

/** The CRS named by a GeoJSON (2008) `crs` member, or null when there is none. */
export function crsName(crs: unknown): string | null {
  if (crs === undefined || crs === null || typeof crs !== 'object') return null;
  const c = crs as { type?: unknown; properties?: Record<string, unknown> };
  const props = c.properties ?? {};
  if (typeof props.name === 'string') return props.name;
  if (props.code !== undefined) return `${typeof c.type === 'string' ? c.type : 'EPSG'}:${String(props.code)}`;
  if (typeof props.href === 'string') return props.href;
  return JSON.stringify(crs);
}

/** Throws `wrong-crs` unless the `crs` member is absent, CRS84 or EPSG:4326. */
export function checkGeoJsonCrs(crs: unknown): void {
  const name = crsName(crs);
  if (name === null || WGS84_NAMES.some((re) => re.test(name.trim()))) return;
  throw new InputError(
    'wrong-crs',
    `This file is in ${name}, not WGS84 longitude/latitude. Reproject it to EPSG:4326, ` +
      `e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson, or in QGIS "Export → Save Features As…" with CRS EPSG:4326.`,
    { crs: name },
  );
}

/** First position of a geometry, for a range check. */
function firstPosition(g: GeoGeometry | null): number[] | null {
  if (!g) return null;
  if (g.type === 'GeometryCollection') {
    for (const sub of g.geometries ?? []) {
      const p = firstPosition(sub);
      if (p) return p;
    }
    return null;
  }
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? (c as number[]) : null;
}

/**
 * Throws `out-of-range` when at least half the features start outside lon/lat range: the file is
 * almost surely in projected metres. A few stray features are left to the typed readers, which
 * report them one by one.
 */
export function checkLonLatRange(features: readonly GeoFeature[]): void {
  let checked = 0;
  let bad = 0;
  let example: number[] | null = null;
  for (const f of features) {
    const p = firstPosition(f.geometry);
    if (!p) continue;
    checked++;
    if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
      bad++;
      example ??= p;
    }
  }
  if (checked > 0 && bad * 2 >= checked && example) {
    const shown = `[${example[0]}, ${example[1]}]`;
    throw new InputError(
      'out-of-range',
      `Coordinates such as ${shown} are outside longitude/latitude range (${bad} of ${checked} features): ` +
        'this looks like projected coordinates (metres). Reproject to WGS84 (EPSG:4326), ' +
        'e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson.',
      { example: shown, bad, checked },
    );
  }
}
