import type { GapRow } from '../output/gap-row.ts';
import type { LayerPresence } from './input-layers.ts';
import { FIBRE_SEARCH_LIMIT_M } from '../ftth/compute-ftth.ts';

/**
 * A BTS or fibre layer that reaches no village at all. Its file is then most likely not the one
 * for these villages (another province, another country) or its coordinates are not what they
 * seem (another CRS, longitude and latitude swapped): every village shows as a gap, which alone
 * does not tell the planner why. The page and the CLI say so, with how far the nearest site or
 * fibre lies, so that the planner can tell a wrong file (thousands of kilometres) from a province
 * truly without it (a few kilometres).
 */
export interface UnreachedLayer {
  layer: 'bts' | 'fibre';
  /**
   * `far`: what the layer holds lies too far from every village. `no-broadband-site`: a BTS layer
   * with no site of a broadband technology (2G and 3G only, when 4G and 5G count), so nothing is far
   * or near: the file may well be right, and the assumptions say what counts.
   */
  reason: 'far' | 'no-broadband-site';
  /** The distance from a village to the nearest broadband site or fibre, metres (null: none within `beyondM`, or no broadband site). */
  nearestM: number | null;
  /** When `nearestM` is null for fibre: how far was searched and found nothing (fibre is looked for up to 100 km). */
  beyondM: number | null;
}

/**
 * The layers given (`given`) that reach no measured village: no BTS footprint meets a village or
 * its centre, or no village lies within the FTTH reach of the fibre. Invalid villages (nothing
 * measured) do not count either way; with no valid village nothing is said.
 */
export function unreachedLayers(rows: readonly GapRow[], given: Pick<LayerPresence, 'bts' | 'fibre'>): UnreachedLayer[] {
  const valid = rows.filter((r) => r.status === 'ok');
  if (valid.length === 0) return [];
  const out: UnreachedLayer[] = [];
  if (given.bts && valid.every((r) => r.mobile_area_fraction === 0 && !r.mobile_centre_covered)) {
    // The nearest site is measured among broadband sites: none anywhere when no village has one.
    const nearestM = nearest(valid.map((r) => r.nearest_bts_m));
    out.push({ layer: 'bts', reason: nearestM === null ? 'no-broadband-site' : 'far', nearestM, beyondM: null });
  }
  if (given.fibre && valid.every((r) => r.ftth_covered === false && r.ftth_fraction === 0)) {
    const nearestM = nearest(valid.map((r) => r.nearest_fibre_m));
    out.push({ layer: 'fibre', reason: 'far', nearestM, beyondM: nearestM === null ? FIBRE_SEARCH_LIMIT_M : null });
  }
  return out;
}

function nearest(distances: readonly (number | null)[]): number | null {
  let best = Infinity;
  for (const d of distances) if (d !== null && d < best) best = d;
  return Number.isFinite(best) ? best : null;
}
