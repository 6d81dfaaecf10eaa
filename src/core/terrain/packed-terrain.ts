import type { DemSummary } from './dem-set.ts';
import type { SiteProfile } from './site-profile.ts';

/** Per-footprint terrain status. */
/** No elevation model was given: the footprint is its disk or sector. */
export const TERRAIN_NONE = 0;
/** Profiled, and terrain hides nothing within its radius: the footprint is exactly its disk or sector. */
export const TERRAIN_CLEAR = 1;
/** Profiled, and terrain hides part of it: the footprint is its disk or sector minus the shadow. */
export const TERRAIN_SHADOWED = 2;
/** The DEM does not cover the footprint's reach: it falls back to its disk or sector. */
export const TERRAIN_OUTSIDE = 3;
/** The DEM has unfilled voids within the reach: it falls back to its disk or sector. */
export const TERRAIN_VOIDS = 4;

/** Stride of `profiles`: one row per profiled mast. */
export const PROFILE_STRIDE = 11;
export const PR_LON = 0;
export const PR_LAT = 1;
export const PR_GROUND = 2;
export const PR_ANTENNA = 3;
export const PR_BAND = 4;
export const PR_REACH = 5;
export const PR_BEARINGS = 6;
/** Offset of the profile's N + 1 entries in `start`. */
export const PR_START = 7;
/** Its range steps, their length and the DEM's post spacing at the mast (m). */
export const PR_STEPS = 8;
export const PR_STEP_M = 9;
export const PR_CELL_M = 10;

/**
 * The terrain footprints of a packed footprint set, as flat typed arrays for the workers: each
 * footprint's status and profile, and the profiles (one per mast, antenna height and band; those of
 * masts terrain leaves clear too, so planning can reuse them).
 * Footprint f with `profileOf[f] = p ≥ 0` is the disk or sector of its radius minus what profile p
 * does not reach; bearing k of profile p has the reached intervals (metres, pairs)
 * `radii[2·start[b + k] … 2·start[b + k + 1])` with b = `profiles[p·STRIDE + PR_START]`.
 */
export interface PackedTerrain {
  status: Uint8Array;
  profileOf: Int32Array;
  profiles: Float64Array;
  start: Uint32Array;
  radii: Float32Array;
  /** The elevation model's summary, for provenance ("predicted: terrain (…)"). */
  dem: DemSummary;
  /** Share of each footprint's disk or sector area that terrain hides (0 … 1; NaN when not profiled). */
  hidden: Float32Array;
}

/** Packs profiles (in order) into the flat arrays of {@link PackedTerrain}. */
export function packProfiles(list: readonly SiteProfile[]): Pick<PackedTerrain, 'profiles' | 'start' | 'radii'> {
  let starts = 0;
  let pairs = 0;
  for (const p of list) {
    starts += p.sampling.bearings + 1;
    pairs += p.radii.length / 2;
  }
  const profiles = new Float64Array(list.length * PROFILE_STRIDE);
  const start = new Uint32Array(starts);
  const radii = new Float32Array(pairs * 2);
  let s = 0;
  let r = 0;
  list.forEach((p, i) => {
    const o = i * PROFILE_STRIDE;
    profiles[o + PR_LON] = p.lon;
    profiles[o + PR_LAT] = p.lat;
    profiles[o + PR_GROUND] = p.groundM;
    profiles[o + PR_ANTENNA] = p.antennaM;
    profiles[o + PR_BAND] = p.bandMhz;
    profiles[o + PR_REACH] = p.sampling.reachM;
    profiles[o + PR_BEARINGS] = p.sampling.bearings;
    profiles[o + PR_START] = s;
    profiles[o + PR_STEPS] = p.sampling.steps;
    profiles[o + PR_STEP_M] = p.sampling.stepM;
    profiles[o + PR_CELL_M] = p.sampling.cellM;
    for (let k = 0; k <= p.sampling.bearings; k++) start[s + k] = p.start[k] + r;
    s += p.sampling.bearings + 1;
    radii.set(p.radii, r * 2);
    r += p.radii.length / 2;
  });
  return { profiles, start, radii };
}

/** Profile `p` of packed terrain as a SiteProfile again (its arrays copied). */
export function unpackProfile(t: PackedTerrain, p: number): SiteProfile {
  const o = p * PROFILE_STRIDE;
  const n = t.profiles[o + PR_BEARINGS];
  const base = t.profiles[o + PR_START];
  const first = t.start[base];
  const start = new Uint32Array(n + 1);
  for (let k = 0; k <= n; k++) start[k] = t.start[base + k] - first;
  const radii = t.radii.slice(2 * first, 2 * t.start[base + n]);
  let clear = true;
  for (let k = 0; k < n && clear; k++) {
    if (start[k + 1] - start[k] !== 1 || radii[2 * start[k]] !== 0 || radii[2 * start[k] + 1] !== t.profiles[o + PR_REACH]) clear = false;
  }
  return {
    lon: t.profiles[o + PR_LON],
    lat: t.profiles[o + PR_LAT],
    groundM: t.profiles[o + PR_GROUND],
    antennaM: t.profiles[o + PR_ANTENNA],
    bandMhz: t.profiles[o + PR_BAND],
    sampling: { bearings: n, steps: t.profiles[o + PR_STEPS], stepM: t.profiles[o + PR_STEP_M], reachM: t.profiles[o + PR_REACH], cellM: t.profiles[o + PR_CELL_M] },
    start,
    radii,
    clear,
  };
}
