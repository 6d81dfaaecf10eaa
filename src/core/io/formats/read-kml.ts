import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { decodeBytes, parseEncodingLabel } from '../encoding/text-encodings.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from '../geojson-types.ts';
import { InputError } from '../input-error.ts';
import { readZip } from './zip-archive.ts';
import { errorMessage } from '../../error-message.ts';

/**
 * KML and KMZ (Google Earth) → features: Placemarks with their name, description and
 * ExtendedData (Data and SchemaData/SimpleData) as properties, through @tmcw/togeojson on
 * @xmldom/xmldom's DOM (a pure-JavaScript XML parser, so this runs in workers and Node alike). A
 * MultiGeometry of one kind becomes the matching Multi* geometry. KML is WGS84 by definition.
 */

/** Reads KML bytes (UTF-8 unless the XML declaration names another encoding). */
export function readKml(bytes: Uint8Array, name: string): FeatureTable {
  const head = new TextDecoder().decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(head)?.[1];
  const encoding = declared !== undefined ? parseEncodingLabel(declared) ?? 'utf-8' : 'utf-8';
  const text = decodeBytes(bytes, encoding).replace(/^\uFEFF/, '');
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | null = null;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    errors.push(errorMessage(error));
  }
  if (doc === null || errors.length > 0 || (doc.getElementsByTagName('kml').length === 0 && doc.getElementsByTagName('Placemark').length === 0)) {
    const detail = errors[0]?.split('\n')[0] ?? 'no <kml> element';
    throw new InputError('not-kml', `${name} is not readable KML (${detail}). Save it again from Google Earth or QGIS.`, { name, detail });
  }
  const collection = kml(doc);
  const features: GeoFeature[] = collection.features.map((f) => ({
    type: 'Feature',
    properties: plainProperties(f.properties),
    geometry: f.geometry === null ? null : simplifyCollection(f.geometry as GeoGeometry),
  }));
  if (features.length === 0) {
    throw new InputError('no-features', `${name} holds no Placemarks. Choose a KML with points, lines or polygons in it.`, { name });
  }
  return { features, where: 'feature' };
}

/** Reads a KMZ: its `doc.kml`, or else its first `.kml`. */
export function readKmz(bytes: Uint8Array, name: string, maxBytes: number): FeatureTable {
  const entries = readZip(bytes, { name, maxBytes, wanted: (path) => /\.kml$/i.test(path) });
  const paths = [...entries.keys()].sort((a, b) => (a.toLowerCase() === 'doc.kml' ? -1 : b.toLowerCase() === 'doc.kml' ? 1 : a.localeCompare(b)));
  if (paths.length === 0) {
    throw new InputError('not-kml', `${name} holds no .kml document. Save it again from Google Earth or QGIS.`, { name, detail: 'no .kml inside' });
  }
  return readKml(entries.get(paths[0]) as Uint8Array, name);
}

/** togeojson's style members (objects) are not fields: keep plain values, and drop empty ones. */
function plainProperties(props: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || typeof v === 'object') continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** A GeometryCollection of polygons only (lines only, points only) as one MultiPolygon (…). */
function simplifyCollection(g: GeoGeometry): GeoGeometry {
  if (g.type !== 'GeometryCollection') return g;
  const parts = g.geometries.map(simplifyCollection);
  const kinds = new Set(parts.map((p) => p.type.replace(/^Multi/, '')));
  if (parts.length === 0 || kinds.size !== 1) return { type: 'GeometryCollection', geometries: parts };
  const kind = [...kinds][0];
  if (kind === 'Polygon') {
    return { type: 'MultiPolygon', coordinates: parts.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.type === 'MultiPolygon' ? p.coordinates : [])) };
  }
  if (kind === 'LineString') {
    return { type: 'MultiLineString', coordinates: parts.flatMap((p) => (p.type === 'LineString' ? [p.coordinates] : p.type === 'MultiLineString' ? p.coordinates : [])) };
  }
  if (kind === 'Point') {
    return { type: 'MultiPoint', coordinates: parts.flatMap((p) => (p.type === 'Point' ? [p.coordinates] : p.type === 'MultiPoint' ? p.coordinates : [])) };
  }
  return { type: 'GeometryCollection', geometries: parts };
}
