import type { PopulatedPoints } from '../populated-points.ts';
import { FibreLocator, type PackedFibre } from './fibre-index.ts';

/** Beyond this, `nearest_fibre_m` is reported as unknown (null): no fibre in any useful reach. */
export const FIBRE_SEARCH_LIMIT_M = 100_000;

export interface FtthParams {
  /** Drop-cable reach in metres. */
  reachM: number;
}

/** Per village: weight share within reach, and the distance from its nearest populated point. */
export interface FtthResult {
  fraction: Float64Array;
  /** Metres; NaN when no fibre lies within FIBRE_SEARCH_LIMIT_M. */
  nearestM: Float64Array;
}

/**
 * FTTH reach for villages `start … end - 1`: the share of each village's populated weight whose
 * point lies within `reachM` of a fibre route or access point, and the shortest such distance.
 */
export function computeFtth(
  points: PopulatedPoints,
  fibre: PackedFibre,
  range: { start: number; end: number },
  params: FtthParams,
): FtthResult {
  const n = range.end - range.start;
  const fraction = new Float64Array(n);
  const nearestM = new Float64Array(n).fill(NaN);
  const locator = new FibreLocator(fibre);
  for (let v = range.start; v < range.end; v++) {
    let total = 0;
    let reached = 0;
    let nearest = Infinity;
    for (let k = points.offsets[v]; k < points.offsets[v + 1]; k++) {
      const w = points.weight[k];
      total += w;
      // Points already within reach need no wider search; others search to the limit once.
      const d = locator.nearestMetres(points.lon[k], points.lat[k], nearest < FIBRE_SEARCH_LIMIT_M ? Math.max(params.reachM, nearest) : FIBRE_SEARCH_LIMIT_M);
      if (d <= params.reachM) reached += w;
      if (d < nearest) nearest = d;
    }
    const i = v - range.start;
    fraction[i] = total > 0 ? reached / total : 0;
    if (Number.isFinite(nearest)) nearestM[i] = nearest;
  }
  return { fraction, nearestM };
}
