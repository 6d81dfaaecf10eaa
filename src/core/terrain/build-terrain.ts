import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_BEARING_TO, FP_LAT, FP_LON, FP_RADIUS, type PackedFootprints } from '../coverage/packed-footprints.ts';
import type { BtsRecord } from '../model.ts';
import type { DemSet } from './dem-set.ts';
import {
  packProfiles,
  TERRAIN_CLEAR,
  TERRAIN_OUTSIDE,
  TERRAIN_SHADOWED,
  TERRAIN_VOIDS,
  type PackedTerrain,
} from './packed-terrain.ts';
import { ProfileCache } from './profile-cache.ts';
import type { SiteProfile } from './site-profile.ts';
import { profileParamsKey, type TerrainParams } from './terrain-params.ts';

const TWO_PI = 2 * Math.PI;
const DEG = Math.PI / 180;

/** The mast a footprint stands on, as its profile needs it. */
export interface FootprintMast {
  antennaM: number;
  bandMhz: number;
}

/** Antenna height and band of a BTS record: its own `height_m` / `band_mhz`, else the technology's default. */
export function mastOf(b: BtsRecord, params: TerrainParams): FootprintMast {
  return {
    antennaM: b.heightM !== null && b.heightM > 0 ? b.heightM : params.antennaHeightM[b.tech],
    bandMhz: b.bandMhz !== null && b.bandMhz > 0 ? b.bandMhz : params.bandMhz[b.tech],
  };
}

/** Whether the criterion uses the carrier frequency (Fresnel zone, path loss). */
export function usesBand(p: TerrainParams): boolean {
  return p.criterion === 'path-loss' || p.fresnelClearance > 0;
}

/**
 * The terrain footprints of `fp` (packed from `bts`) on `dem`: one profile per mast position,
 * antenna height (and band, when the criterion uses it), reaching the largest radius at that mast;
 * profiles come from `cache` when it has them for this DEM and these parameters. Each footprint is
 * then clear (its plain disk or sector), shadowed (profile index), or outside the DEM / over voids
 * (plain disk or sector, and the status says why).
 */
export function buildTerrain(
  bts: readonly BtsRecord[],
  fp: PackedFootprints,
  dem: DemSet,
  params: TerrainParams,
  cache: ProfileCache = new ProfileCache(),
): PackedTerrain {
  const n = fp.count;
  const status = new Uint8Array(n);
  const profileOf = new Int32Array(n).fill(-1);
  const hidden = new Float32Array(n).fill(NaN);
  const paramsKey = profileParamsKey(params);
  const band = usesBand(params);
  // Group footprints by mast.
  const groups = new Map<string, { f: number[]; lon: number; lat: number; mast: FootprintMast; radius: number }>();
  for (let f = 0; f < n; f++) {
    const o = f * FOOTPRINT_STRIDE;
    const lon = fp.data[o + FP_LON];
    const lat = fp.data[o + FP_LAT];
    const mast = mastOf(bts[fp.source[f]], params);
    const key = `${lon},${lat},${mast.antennaM}${band ? `,${mast.bandMhz}` : ''}`;
    const g = groups.get(key);
    if (g) {
      g.f.push(f);
      g.radius = Math.max(g.radius, fp.data[o + FP_RADIUS]);
    } else groups.set(key, { f: [f], lon, lat, mast: band ? mast : { ...mast, bandMhz: 0 }, radius: fp.data[o + FP_RADIUS] });
  }
  const profiles: SiteProfile[] = [];
  for (const g of groups.values()) {
    const result = cache.profile(dem, { lon: g.lon, lat: g.lat, antennaM: g.mast.antennaM, bandMhz: g.mast.bandMhz, radiusM: g.radius }, params, paramsKey);
    if ('reason' in result) {
      for (const f of g.f) status[f] = result.reason === 'outside-dem' ? TERRAIN_OUTSIDE : TERRAIN_VOIDS;
      continue;
    }
    // Every profile is kept (clear ones too: planning reuses them); shadowed footprints point to theirs.
    const index = profiles.length;
    profiles.push(result);
    for (const f of g.f) {
      const o = f * FOOTPRINT_STRIDE;
      const share = hiddenShare(result, fp.data[o + FP_RADIUS], fp.data[o + FP_BEARING_FROM], fp.data[o + FP_BEARING_TO]);
      hidden[f] = share;
      if (share === 0) {
        status[f] = TERRAIN_CLEAR;
        continue;
      }
      status[f] = TERRAIN_SHADOWED;
      profileOf[f] = index;
    }
  }
  return { status, profileOf, hidden, ...packProfiles(profiles), dem: dem.summary() };
}

/**
 * Share (0 … 1) of the disk or sector of `radiusM` (bearings `fromDeg` → `toDeg`, NaN for a disk)
 * that the profile does not reach: exact in the profile's polar model (wedge by wedge, ½Δθ(b² − a²)).
 */
export function hiddenShare(p: SiteProfile, radiusM: number, fromDeg: number, toDeg: number): number {
  const n = p.sampling.bearings;
  const delta = TWO_PI / n;
  const from = Number.isNaN(fromDeg) ? 0 : fromDeg * DEG;
  let span = Number.isNaN(fromDeg) ? TWO_PI : (toDeg - fromDeg) * DEG;
  if (span <= 0) span += TWO_PI;
  let reached = 0;
  let total = 0;
  for (let kk = Math.floor(from / delta); kk * delta < from + span; kk++) {
    const w = Math.min((kk + 1) * delta, from + span) - Math.max(kk * delta, from);
    if (!(w > 0)) continue;
    const k = ((kk % n) + n) % n;
    let sum = 0;
    for (let i = p.start[k]; i < p.start[k + 1]; i++) {
      const a = p.radii[2 * i];
      if (a >= radiusM) break;
      const b = Math.min(p.radii[2 * i + 1], radiusM);
      sum += b * b - a * a;
    }
    reached += w * sum;
    total += w * radiusM * radiusM;
  }
  const share = 1 - reached / total;
  return share < 1e-12 ? 0 : share;
}
