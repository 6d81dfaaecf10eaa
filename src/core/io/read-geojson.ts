import { decodeText } from './decode-text.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { parseJsonAt, scanFeatureCollection } from './scan-geojson.ts';

export { readVillages, type VillagesResult } from './read-villages.ts';
export { readBts, type BtsResult } from './read-bts.ts';
export { readFibre, type FibreResult } from './read-fibre.ts';
export { readSettlements, type SettlementsResult } from './read-settlements.ts';

/**
 * GeoJSON in: text or bytes → Features, one at a time ({@link readGeoJsonFeatures}) or as a
 * {@link FeatureTable}. Accepts a FeatureCollection, one Feature or a bare geometry. Refuses another
 * CRS (a `crs` member naming anything but CRS84 / EPSG:4326), coordinates that are mostly outside
 * lon/lat range (projected metres), empty input, and invalid JSON (naming the line).
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
  const features: GeoFeature[] = [];
  const { declaredCrs } = readGeoJsonFeatures(input, (feature) => {
    features.push(feature);
  }, options);
  return options.anyCrs ? { features, where: 'feature', declaredCrs } : { features, where: 'feature' };
}

/**
 * Calls `onFeature` with each feature of GeoJSON text or bytes, in order, as it is parsed: bytes of
 * a FeatureCollection are parsed a feature at a time (see scan-geojson.ts), so the file is never
 * held as one object tree. Refuses what the module comment says, syntax errors with their line;
 * with `anyCrs`, another CRS is not refused (nor coordinates out of lon/lat range) but its name
 * returned as `declaredCrs`.
 */
export function readGeoJsonFeatures(
  input: string | Uint8Array | ArrayBuffer,
  onFeature: (feature: GeoFeature, index: number) => void,
  options: { anyCrs?: boolean } = {},
): { declaredCrs: string | null } {
  const range = new LonLatCheck();
  const take = (value: unknown, i: number): void => {
    const feature = toFeature(value, i);
    range.add(feature);
    onFeature(feature, i);
  };
  const finish = (crs: unknown): { declaredCrs: string | null } => {
    if (options.anyCrs) return { declaredCrs: crsName(crs) };
    range.finish();
    return { declaredCrs: null };
  };
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input instanceof Uint8Array ? input : new Uint8Array(input);
  const scanned = scanFeatureCollection(bytes, {
    // A CRS before the features is refused before any feature is taken.
    member: (key, value) => {
      if (key === 'crs' && !options.anyCrs) checkGeoJsonCrs(value);
    },
    feature: take,
  });
  if (scanned !== null) {
    const { members, features } = scanned;
    if (!options.anyCrs) checkGeoJsonCrs(members.crs);
    if (members.type === 'FeatureCollection') {
      if (features === null) throw notGeoJson('a FeatureCollection without a "features" array');
      if (features === 0) throw noFeatures();
      return finish(members.crs);
    }
    const single = members.type === 'Feature' || (typeof members.type === 'string' && GEOMETRY_TYPES.has(members.type));
    if (!single || features !== null) throw notGeoJson(`an object of type "${String(members.type)}"`);
  }
  // Not an object (said below), or one Feature or geometry: small, parsed whole.
  const doc = parseJsonAt(decodeText(bytes, 'The GeoJSON file'), 1);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw notGeoJson(Array.isArray(doc) ? 'an array' : typeof doc);
  }
  const obj = doc as Record<string, unknown>;
  if (obj.type === 'Feature') {
    take(obj, 0);
  } else {
    const feature: GeoFeature = { type: 'Feature', properties: {}, geometry: obj as unknown as GeoGeometry };
    range.add(feature);
    onFeature(feature, 0);
  }
  return finish(obj.crs);
}

function noFeatures(): InputError {
  return new InputError('no-features', 'The GeoJSON file contains no features. Choose a file with data in it.');
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

/** Whether a GeoJSON `crs` name ("EPSG:4326", an OGC URN or URL, "CRS84") names WGS84 longitude/latitude. */
export function isWgs84CrsName(name: string): boolean {
  return WGS84_NAMES.some((re) => re.test(name.trim()));
}

/** Throws `wrong-crs` unless the `crs` member is absent, CRS84 or EPSG:4326. */
export function checkGeoJsonCrs(crs: unknown): void {
  const name = crsName(crs);
  if (name === null || isWgs84CrsName(name)) return;
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
  const check = new LonLatCheck();
  for (const f of features) check.add(f);
  check.finish();
}

/** {@link checkLonLatRange} fed a feature at a time. */
class LonLatCheck {
  private checked = 0;
  private bad = 0;
  private example: number[] | null = null;

  add(f: GeoFeature): void {
    const p = firstPosition(f.geometry);
    if (!p) return;
    this.checked++;
    if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
      this.bad++;
      this.example ??= p;
    }
  }

  finish(): void {
    const { checked, bad, example } = this;
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
}
