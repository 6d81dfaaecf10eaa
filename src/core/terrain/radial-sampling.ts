/** Metres per degree of latitude and of longitude at the equator (WGS84, rounded): for sizing only. */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

/** Fewest bearings per site, however coarse the DEM or short the reach. */
export const MIN_BEARINGS = 64;
/** Profiles are computed to the footprint radius rounded up to this, so a small radius edit reuses them. */
export const REACH_QUANTUM_M = 500;

/** How a site's radial profiles sample the DEM. */
export interface RadialSampling {
  /** Number of bearings (radials), evenly spaced; radial k runs along bearing (k + ½)·360°/N. */
  bearings: number;
  /** Samples per radial, at distances j·stepM for j = 1 … steps (the last at the reach). */
  steps: number;
  stepM: number;
  /** Distance the radials reach (m). */
  reachM: number;
  /** The DEM's post spacing at the site (m), the smaller of its two directions. */
  cellM: number;
}

/**
 * The one rule for how finely a site's radials sample the DEM, from its post spacing at the site:
 *
 * - **range step = half a post spacing**: a bilinear surface is linear along the grid lines and
 *   takes its highest points on or between posts, so samples half a post apart meet every ridge
 *   line within a quarter of a post (what a finer step would add is below the DEM's own detail);
 * - **bearings = 2π·reach / post spacing**, rounded up to a multiple of 8 (at least 64): adjacent
 *   radials are at most one post apart at the far end of the footprint, so no post in reach lies
 *   between two radials without being sampled by one (1″ SRTM, 3.5 km: 736 bearings, 236 steps).
 */
export function radialSampling(lat: number, dLonDeg: number, dLatDeg: number, radiusM: number): RadialSampling {
  if (!(radiusM > 0)) throw new RangeError(`A site's reach must be positive metres, got ${radiusM}.`);
  const cellM = Math.min(dLatDeg * M_PER_DEG_LAT, dLonDeg * M_PER_DEG_LON_EQUATOR * Math.cos((lat * Math.PI) / 180));
  const reachM = Math.ceil(radiusM / REACH_QUANTUM_M) * REACH_QUANTUM_M;
  const steps = Math.max(1, Math.ceil(reachM / (cellM / 2)));
  const bearings = Math.max(MIN_BEARINGS, Math.ceil((2 * Math.PI * reachM) / cellM / 8) * 8);
  return { bearings, steps, stepM: reachM / steps, reachM, cellM };
}
