import Flatbush from 'flatbush';
import { ConformalFrame } from '../geo/conformal-frame.ts';
import { geodesicDistance } from '../geo/geodesic.ts';

const MIN_M_PER_DEG_LAT = 110574;
const M_PER_DEG_LON_EQUATOR = 111319.49;
/** Beyond this the conformal-sphere distance is replaced by GeographicLib's exact geodesic. */
const FRAME_DISTANCE_LIMIT_M = 100_000;

/**
 * Nearest site by geodesic distance: the nearest in lon/lat gives an upper bound D, every site within
 * D lies in a lon/lat box that is then searched, and distances are measured on the conformal sphere
 * of a frame centred on the query point (within ~1e-8 of the geodesic up to 100 km; GeographicLib
 * beyond).
 */
export class NearestSiteFinder {
  private readonly index: Flatbush | null;
  private readonly frame = new ConformalFrame(0, 0);
  private readonly xy = new Float64Array(2);

  constructor(
    private readonly sites: Float64Array,
    siteIndex: ArrayBuffer | null,
  ) {
    this.index = siteIndex ? Flatbush.from(siteIndex) : null;
  }

  /** Distance (m) from (lon, lat) to the nearest site; Infinity when there are no sites. */
  distance(lon: number, lat: number): number {
    if (!this.index) return Infinity;
    const first = this.index.neighbors(lon, lat, 1)[0];
    this.frame.setCentre(lon, lat);
    let best = this.measure(lon, lat, first);
    const dLat = (best * 1.001) / MIN_M_PER_DEG_LAT + 1e-9;
    const cosMax = Math.cos(Math.min(90, Math.abs(lat) + dLat) * (Math.PI / 180));
    const dLon = cosMax > 1e-6 ? (best * 1.001) / (M_PER_DEG_LON_EQUATOR * cosMax) + 1e-9 : 360;
    for (const s of this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      if (s === first) continue;
      const d = this.measure(lon, lat, s);
      if (d < best) best = d;
    }
    return best;
  }

  private measure(lon: number, lat: number, s: number): number {
    const slon = this.sites[s * 2];
    const slat = this.sites[s * 2 + 1];
    this.frame.forward(slon, slat, this.xy, 0);
    const d = this.frame.distanceFromCentre(this.xy[0], this.xy[1]);
    return d > FRAME_DISTANCE_LIMIT_M ? geodesicDistance(lon, lat, slon, slat) : d;
  }
}
