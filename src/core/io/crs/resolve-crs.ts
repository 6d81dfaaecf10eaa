import { InputError } from '../input-error.ts';
import {
  type CrsDefinition, crsFromEpsg, SUPPORTED_CRS_TEXT, tm3CodeFor, tmercProj4, vn2000Datum, WGS84,
} from './crs-registry.ts';
import { child, epsgCodeOf, nameOf, numbersOf, parseWkt, type WktNode } from './parse-wkt.ts';
import { errorMessage } from '../../error-message.ts';

/**
 * A CRS as files and people name it → a {@link CrsDefinition}: "EPSG:9216", "urn:ogc:def:crs:EPSG::9216",
 * an OGC URL, "CRS84", a bare code, a proj4 string, or WKT (a `.prj` in ESRI or OGC form, WKT2).
 * A WKT with a known EPSG code is taken from the registry; otherwise its datum and projection are
 * read: a VN-2000 datum (ESRI's `D_Vietnam_2000`, GDAL's `Vietnam_2000`) gets the EPSG 6960 shift
 * unless the WKT carries a non-zero TOWGS84 of its own. Anything else is `wrong-crs`, naming it.
 */

/** Resolves `text`; throws `wrong-crs` when we do not read that CRS. `where` names the source in messages. */
export function crsFromText(text: string, where = 'The file'): CrsDefinition {
  const t = text.trim();
  const code = epsgCodeInName(t);
  if (code !== null) return crsFromEpsg(code) ?? refuse(where, `EPSG:${code}`);
  if (/^(ogc:)?crs:?84$/i.test(t) || /crs84$/i.test(t)) return WGS84;
  if (t.startsWith('+proj=') || t.startsWith('+init=')) return fromProj4(t);
  if (/^[A-Z_0-9]+\s*[[(]/i.test(t)) {
    let root: WktNode;
    try {
      root = parseWkt(t);
    } catch (error) {
      throw new InputError('wrong-crs', `${where} describes its CRS in WKT that cannot be read (${errorMessage(error)}).`, {
        crs: t.slice(0, 80), where,
      });
    }
    return fromWkt(root, where);
  }
  return refuse(where, t.length > 80 ? `${t.slice(0, 80)}…` : t);
}

/** The EPSG code in "EPSG:9216", "urn:ogc:def:crs:EPSG::9216", ".../def/crs/EPSG/0/9216" or "9216"; else null. */
export function epsgCodeInName(name: string): number | null {
  const m = /^(?:EPSG\s*:+\s*(\d+)|urn:ogc:def:crs:EPSG:[\d.]*:(\d+)|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)|(\d{4,6}))$/i.exec(name.trim());
  if (m === null) return null;
  return Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
}

function refuse(where: string, crs: string): never {
  throw new InputError(
    'wrong-crs',
    `${where} is in ${crs}, which Vùng Lõm does not reproject. We read ${SUPPORTED_CRS_TEXT}. ` +
      'Reproject it to EPSG:4326, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.shp, or in QGIS "Export → Save Features As…".',
    { crs, where },
  );
}

/** A code the registry holds (the callers pass only such codes). */
function registered(code: number): CrsDefinition {
  const def = crsFromEpsg(code);
  if (def === null) throw new Error(`EPSG:${code} is missing from crs-registry.ts`);
  return def;
}

function fromProj4(text: string): CrsDefinition {
  const geographic = /\+proj=(longlat|latlong|lonlat|latlon)\b/.test(text);
  const isWgs84 = geographic && /\+datum=WGS84\b/.test(text) && !/\+towgs84=/.test(text);
  return { code: null, name: text, proj4: text, geographic, isWgs84 };
}

const VN2000_NAME = /vietnam[\s_-]*2000|vn[\s_-]*2000/i;
const WGS84_NAME = /wgs[\s_-]*(19)?84|world[\s_]geodetic[\s_]system[\s_]1984/i;
const WGS84_A = 6378137;
const WGS84_RF = 298.257223563;

function fromWkt(root: WktNode, where: string): CrsDefinition {
  let crs = root;
  if (['COMPD_CS', 'COMPOUNDCRS'].includes(crs.keyword)) {
    crs = child(crs, 'PROJCS', 'PROJCRS', 'PROJECTEDCRS', 'GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS') ?? refuse(where, nameOf(crs));
  }
  const code = epsgCodeOf(crs);
  if (code !== null) {
    const known = crsFromEpsg(code);
    if (known !== null) return known;
  }
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(crs.keyword);
  const geographic = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS'].includes(crs.keyword);
  if (!projected && !geographic) return refuse(where, `${crs.keyword} "${nameOf(crs)}"`);
  const geog = projected ? child(crs, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS') : crs;
  if (geog === null) return refuse(where, nameOf(crs));
  const datum = datumOf(geog, where, nameOf(crs));
  if (geographic) {
    if (datum.isWgs84) return WGS84;
    if (datum.vn2000) return registered(4756);
    return { code: null, name: nameOf(crs), proj4: `+proj=longlat ${datum.proj4} +no_defs`, geographic: true, isWgs84: false };
  }
  return projectedFromWkt(crs, datum, where);
}

interface DatumInfo {
  proj4: string;
  isWgs84: boolean;
  vn2000: boolean;
}

function datumOf(geog: WktNode, where: string, crsName: string): DatumInfo {
  const datum = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF');
  const datumName = nameOf(datum);
  const spheroid = datum === null ? null : child(datum, 'SPHEROID', 'ELLIPSOID');
  const [a, rf] = numbersOf(spheroid);
  const towgs84 = numbersOf(datum === null ? null : child(datum, 'TOWGS84'));
  const shift = towgs84.length >= 3 && towgs84.some((v) => v !== 0) ? towgs84 : null;
  const ellps = a === WGS84_A && Math.abs(rf - WGS84_RF) < 1e-6 ? '+ellps=WGS84' : a !== undefined && rf !== undefined ? `+a=${a} +rf=${rf}` : null;
  const vn2000 = VN2000_NAME.test(datumName) || VN2000_NAME.test(nameOf(geog)) || epsgCodeOf(datum ?? geog) === 6756;
  if (vn2000 && shift === null) return { proj4: vn2000Datum(), isWgs84: false, vn2000: true };
  if (shift !== null && ellps !== null) {
    const seven = [...shift, 0, 0, 0, 0, 0, 0, 0].slice(0, 7);
    return { proj4: `${ellps} +towgs84=${seven.join(',')}`, isWgs84: false, vn2000 };
  }
  if (WGS84_NAME.test(datumName) || epsgCodeOf(datum ?? geog) === 6326) return { proj4: '+datum=WGS84', isWgs84: true, vn2000: false };
  return refuse(where, `${crsName || nameOf(geog)} (datum ${datumName || 'unnamed'}, no shift to WGS 84 given)`);
}

/** Parameter name → our key, names lower-cased with everything but letters and digits removed. */
const PARAMETER_KEYS: Readonly<Record<string, 'lon0' | 'lat0' | 'k' | 'x0' | 'y0'>> = {
  centralmeridian: 'lon0', longitudeofnaturalorigin: 'lon0', longitudeoforigin: 'lon0', longitudeofcenter: 'lon0',
  latitudeoforigin: 'lat0', latitudeofnaturalorigin: 'lat0', latitudeofcenter: 'lat0',
  scalefactor: 'k', scalefactoratnaturalorigin: 'k',
  falseeasting: 'x0', falsenorthing: 'y0',
};

function projectedFromWkt(crs: WktNode, datum: DatumInfo, where: string): CrsDefinition {
  const name = nameOf(crs);
  const method = nameOf(child(crs, 'PROJECTION')) || nameOf(child(child(crs, 'CONVERSION') ?? crs, 'METHOD'));
  const methodKey = method.toLowerCase().replace(/[^a-z]/g, '');
  const holder = child(crs, 'CONVERSION') ?? crs;
  const params: Partial<Record<'lon0' | 'lat0' | 'k' | 'x0' | 'y0', number>> = {};
  for (const p of holder.args) {
    if (typeof p !== 'object' || p.keyword !== 'PARAMETER') continue;
    const key = PARAMETER_KEYS[nameOf(p).toLowerCase().replace(/[^a-z]/g, '')];
    const value = p.args[1];
    if (key !== undefined && typeof value === 'number') params[key] = value;
  }
  // WKT1 gives false easting/northing in the CRS's linear unit; proj4's +x_0/+y_0 are metres.
  const unit = child(crs, 'UNIT', 'LENGTHUNIT');
  const toMeter = unit !== null && typeof unit.args[1] === 'number' ? unit.args[1] : 1;
  if (methodKey.includes('pseudomercator') || methodKey === 'mercatorauxiliarysphere') {
    return registered(3857);
  }
  if (methodKey !== 'transversemercator' && methodKey !== 'gausskruger') {
    return refuse(where, `${name} (projection ${method || 'unnamed'})`);
  }
  const lon0 = params.lon0 ?? 0;
  const k = params.k ?? 1;
  const x0 = (params.x0 ?? 0) * toMeter;
  const y0 = (params.y0 ?? 0) * toMeter;
  const lat0 = params.lat0 ?? 0;
  const standard = lat0 === 0 && x0 === 500000 && toMeter === 1;
  if (datum.vn2000 && standard && y0 === 0) {
    const tm3 = k === 0.9999 ? tm3CodeFor(lon0) : null;
    if (tm3 !== null) return registered(tm3);
    if (k === 0.9996 && (lon0 === 105 || lon0 === 111)) return registered(lon0 === 105 ? 3405 : 3406);
  }
  if (datum.isWgs84 && standard && k === 0.9996 && (lon0 + 183) % 6 === 0 && (y0 === 0 || y0 === 10000000)) {
    return registered((y0 === 0 ? 32600 : 32700) + (lon0 + 183) / 6);
  }
  return {
    code: null,
    name: name || 'Transverse Mercator',
    proj4: tmercProj4({ lon0, lat0, k, x0, y0, datum: datum.proj4, toMeter }),
    geographic: false,
    isWgs84: false,
  };
}
