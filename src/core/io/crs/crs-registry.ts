/**
 * The coordinate reference systems Vùng Lõm reads, by EPSG code, as proj4 definitions: WGS84, the
 * VN-2000 family (geographic 4756, UTM 48N/49N 3405/3406, the national TM-3 zones 5896–5899, the
 * provincial TM-3 zones 9205–9218), WGS84 UTM (32601–32660, 32701–32760) and Web Mercator.
 *
 * VN-2000 → WGS84 is EPSG transformation 6960 ("VN-2000 to WGS 84 (2)", the one PROJ picks for
 * onshore Vietnam), published in the coordinate-frame convention: tx −191.90441429,
 * ty −39.30318279, tz −111.45032835 m; rx −0.00928836″, ry 0.01975479″, rz −0.00427372″;
 * +0.252906278 ppm. proj4's `+towgs84` takes rotations in the position-vector convention, so their
 * signs are flipped below. Without the shift points move by about 225 m.
 */

/** A CRS we can reproject from. */
export interface CrsDefinition {
  /** "EPSG:9216", or null for a CRS described only by its parameters. */
  code: string | null;
  /** A name a person recognises ("VN-2000 / TM-3 107-30"). */
  name: string;
  /** proj4 definition; WGS84 longitude/latitude is "+proj=longlat +datum=WGS84 +no_defs". */
  proj4: string;
  /** Coordinates in degrees (else metres). */
  geographic: boolean;
  /** Longitude/latitude on WGS84 already: nothing to transform. */
  isWgs84: boolean;
}

/** EPSG 6960 in the coordinate-frame convention, as EPSG publishes it. */
const VN2000_TO_WGS84_COORDINATE_FRAME = {
  tx: -191.90441429,
  ty: -39.30318279,
  tz: -111.45032835,
  rxArcsec: -0.00928836,
  ryArcsec: 0.01975479,
  rzArcsec: -0.00427372,
  scalePpm: 0.252906278,
} as const;

/** The same shift as proj4's `+towgs84` (position-vector rotations: signs flipped). */
export function vn2000ToWgs84Params(): number[] {
  const s = VN2000_TO_WGS84_COORDINATE_FRAME;
  return [s.tx, s.ty, s.tz, -s.rxArcsec, -s.ryArcsec, -s.rzArcsec, s.scalePpm];
}

export const WGS84_PROJ4 = '+proj=longlat +datum=WGS84 +no_defs';

export const WGS84: CrsDefinition = { code: 'EPSG:4326', name: 'WGS 84', proj4: WGS84_PROJ4, geographic: true, isWgs84: true };

const VN2000_DATUM = `+ellps=WGS84 +towgs84=${vn2000ToWgs84Params().join(',')}`;

/** proj4 text of a Transverse Mercator on a datum. */
export function tmercProj4(options: { lon0: number; k: number; x0: number; y0: number; lat0?: number; datum: string; toMeter?: number }): string {
  const units = options.toMeter === undefined || options.toMeter === 1 ? '+units=m' : `+to_meter=${options.toMeter}`;
  return `+proj=tmerc +lat_0=${options.lat0 ?? 0} +lon_0=${options.lon0} +k=${options.k} +x_0=${options.x0} +y_0=${options.y0} ` +
    `${options.datum} ${units} +no_defs`;
}

/** The VN-2000 datum as a proj4 fragment (WGS84 ellipsoid and the EPSG 6960 shift). */
export function vn2000Datum(): string {
  return VN2000_DATUM;
}

/** VN-2000 TM-3 zones: EPSG code → central meridian (degrees east) and EPSG's name. */
export const VN2000_TM3_ZONES: Readonly<Record<number, { lon0: number; name: string }>> = {
  5896: { lon0: 102, name: 'VN-2000 / TM-3 zone 481' },
  5897: { lon0: 105, name: 'VN-2000 / TM-3 zone 482' },
  5898: { lon0: 108, name: 'VN-2000 / TM-3 zone 491' },
  5899: { lon0: 107.75, name: 'VN-2000 / TM-3 107-45' },
  9205: { lon0: 103, name: 'VN-2000 / TM-3 103-00' },
  9206: { lon0: 104, name: 'VN-2000 / TM-3 104-00' },
  9207: { lon0: 104.5, name: 'VN-2000 / TM-3 104-30' },
  9208: { lon0: 104.75, name: 'VN-2000 / TM-3 104-45' },
  9209: { lon0: 105.5, name: 'VN-2000 / TM-3 105-30' },
  9210: { lon0: 105.75, name: 'VN-2000 / TM-3 105-45' },
  9211: { lon0: 106, name: 'VN-2000 / TM-3 106-00' },
  9212: { lon0: 106.25, name: 'VN-2000 / TM-3 106-15' },
  9213: { lon0: 106.5, name: 'VN-2000 / TM-3 106-30' },
  9214: { lon0: 107, name: 'VN-2000 / TM-3 107-00' },
  9215: { lon0: 107.25, name: 'VN-2000 / TM-3 107-15' },
  9216: { lon0: 107.5, name: 'VN-2000 / TM-3 107-30' },
  9217: { lon0: 108.25, name: 'VN-2000 / TM-3 108-15' },
  9218: { lon0: 108.5, name: 'VN-2000 / TM-3 108-30' },
};

/** Every VN-2000 code we know (the app lists these when it asks). */
export const VN2000_CODES: readonly number[] = [4756, 3405, 3406, ...Object.keys(VN2000_TM3_ZONES).map(Number)];

const WEB_MERCATOR_PROJ4 = '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';

/** Codes that name Web Mercator (EPSG and the older ESRI / OpenLayers ones). */
const WEB_MERCATOR_CODES = new Set([3857, 900913, 102100, 102113, 3785]);

/** The definition of an EPSG code, or null when we do not read that CRS. */
export function crsFromEpsg(code: number): CrsDefinition | null {
  const id = `EPSG:${code}`;
  if (code === 4326) return WGS84;
  if (code === 4756) return { code: id, name: 'VN-2000', proj4: `+proj=longlat ${VN2000_DATUM} +no_defs`, geographic: true, isWgs84: false };
  if (code === 3405 || code === 3406) {
    const zone = code === 3405 ? 48 : 49;
    return { code: id, name: `VN-2000 / UTM zone ${zone}N`, proj4: `+proj=utm +zone=${zone} ${VN2000_DATUM} +units=m +no_defs`, geographic: false, isWgs84: false };
  }
  const tm3 = VN2000_TM3_ZONES[code];
  if (tm3 !== undefined) {
    return { code: id, name: tm3.name, proj4: tmercProj4({ lon0: tm3.lon0, k: 0.9999, x0: 500000, y0: 0, datum: VN2000_DATUM }), geographic: false, isWgs84: false };
  }
  if ((code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)) {
    const south = code > 32700;
    const zone = code - (south ? 32700 : 32600);
    return {
      code: id, name: `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
      proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`, geographic: false, isWgs84: false,
    };
  }
  if (WEB_MERCATOR_CODES.has(code)) return { code: 'EPSG:3857', name: 'WGS 84 / Pseudo-Mercator', proj4: WEB_MERCATOR_PROJ4, geographic: false, isWgs84: false };
  return null;
}

/** The VN-2000 TM-3 code with central meridian `lon0`, or null. */
export function tm3CodeFor(lon0: number): number | null {
  for (const [code, zone] of Object.entries(VN2000_TM3_ZONES)) if (Math.abs(zone.lon0 - lon0) < 1e-9) return Number(code);
  return null;
}

/** A short list for messages: "EPSG:4756, 3405, 3406, 5896–5899, 9205–9218, WGS 84 UTM, 3857". */
export const SUPPORTED_CRS_TEXT = 'WGS 84 (EPSG:4326), VN-2000 (EPSG:4756, 3405, 3406, 5896–5899, 9205–9218), WGS 84 / UTM (326xx, 327xx) and Web Mercator (3857)';
