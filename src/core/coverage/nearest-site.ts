import Flatbush from 'flatbush';
import { ConformalFrame } from '../geo/conformal-frame.ts';
import { geodesicDistance } from '../geo/geodesic.ts';
import { diskBox } from '../geo/lonlat-box.ts';
import type { BtsRecord, Position } from '../model.ts';
import { FOOTPRINT_STRIDE, FP_LAT, FP_LON, type PackedFootprints } from './packed-footprints.ts';

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
  private readonly box = new Float64Array(4);

  constructor(
    private readonly sites: Float64Array,
    siteIndex: ArrayBuffer | null,
  ) {
    this.index = siteIndex ? Flatbush.from(siteIndex) : null;
  }

  /** The site `distance` found last (its index in `sites`); -1 when there are none. */
  lastSite = -1;

  /** Distance (m) from (lon, lat) to the nearest site (its index goes to `lastSite`); Infinity when there are no sites. */
  distance(lon: number, lat: number): number {
    this.lastSite = -1;
    if (!this.index) return Infinity;
    const first = this.index.neighbors(lon, lat, 1)[0];
    this.frame.setCentre(lon, lat);
    let best = this.measure(lon, lat, first);
    let nearest = first;
    // Every site within `best` lies in its disk's box (widened by 1e-9° for a site at the point itself).
    const box = diskBox(lon, lat, best, this.box);
    for (const s of this.index.search(box[0] - 1e-9, box[1] - 1e-9, box[2] + 1e-9, box[3] + 1e-9)) {
      if (s === first) continue;
      const d = this.measure(lon, lat, s);
      if (d < best || (d === best && s < nearest)) {
        best = d;
        nearest = s;
      }
    }
    this.lastSite = nearest;
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

/**
 * The broadband record nearest to `centre` by the engine's measure (the `nearest_bts_m` of the gap
 * list), with its distance; null when there is no footprint. `footprints` are `bts` packed.
 */
export function nearestFootprintRecord(
  centre: Position,
  bts: readonly BtsRecord[],
  footprints: PackedFootprints,
): { record: BtsRecord; distanceM: number } | null {
  const finder = new NearestSiteFinder(footprints.sites, footprints.siteIndex);
  const distanceM = finder.distance(centre[0], centre[1]);
  const site = finder.lastSite;
  if (site < 0) return null;
  const lon = footprints.sites[site * 2];
  const lat = footprints.sites[site * 2 + 1];
  for (let k = 0; k < footprints.count; k++) {
    const o = k * FOOTPRINT_STRIDE;
    if (footprints.data[o + FP_LON] === lon && footprints.data[o + FP_LAT] === lat) return { record: bts[footprints.source[k]], distanceM };
  }
  throw new Error(`nearestFootprintRecord: site ${site} has no footprint; the sites and footprints of a packing always agree.`);
}
