import geographiclib from 'geographiclib-geodesic';
import type { Position } from '../model.ts';

/**
 * Small wrappers around GeographicLib's geodesic routines on WGS84 (Karney's algorithms, accurate to
 * nanometres). Arguments are lon/lat in degrees, in that order, like the rest of Vùng Lõm.
 */

const WGS84 = geographiclib.Geodesic.WGS84;
const DISTANCE_AZIMUTHS = geographiclib.Geodesic.DISTANCE | geographiclib.Geodesic.AZIMUTH;
const LATLON = geographiclib.Geodesic.LATITUDE | geographiclib.Geodesic.LONGITUDE;

export interface GeodesicInverse {
  /** Geodesic distance (m). */
  distanceM: number;
  /** Forward azimuth at the first point, degrees clockwise from north. */
  azimuth1Deg: number;
  /** Forward azimuth at the second point, degrees clockwise from north. */
  azimuth2Deg: number;
}

/** Distance and azimuths of the geodesic between two points. */
export function geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number): GeodesicInverse {
  const r = WGS84.Inverse(lat1, lon1, lat2, lon2, DISTANCE_AZIMUTHS);
  return { distanceM: r.s12 ?? NaN, azimuth1Deg: r.azi1 ?? NaN, azimuth2Deg: r.azi2 ?? NaN };
}

/** Geodesic distance between two points (m). */
export function geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return WGS84.Inverse(lat1, lon1, lat2, lon2, geographiclib.Geodesic.DISTANCE).s12 ?? NaN;
}

/** The point reached from (lon, lat) after `distanceM` metres along the azimuth `azimuthDeg`. */
export function geodesicDirect(lon: number, lat: number, azimuthDeg: number, distanceM: number): Position {
  const r = WGS84.Direct(lat, lon, azimuthDeg, distanceM, LATLON);
  return [r.lon2 ?? NaN, r.lat2 ?? NaN];
}
