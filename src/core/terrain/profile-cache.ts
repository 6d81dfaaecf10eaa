import type { DemSet } from './dem-set.ts';
import { PR_ANTENNA, PR_BAND, PR_LAT, PR_LON, PR_REACH, PROFILE_STRIDE as PROFILE_ROW, unpackProfile, type PackedTerrain } from './packed-terrain.ts';
import { computeSiteProfile, type ProfileRefusal, type ProfileSite, type SiteProfile } from './site-profile.ts';
import { profileParamsKey, type TerrainParams } from './terrain-params.ts';
import { REACH_QUANTUM_M } from './radial-sampling.ts';

/** The cache key of a mast's profile read to `reachM` (a multiple of REACH_QUANTUM_M). */
function entryKey(dem: DemSet, paramsKey: string, site: { lon: number; lat: number; antennaM: number; bandMhz: number }, reachM: number): string {
  return `${dem.key}|${paramsKey}|${reachM}|${site.lon},${site.lat},${site.antennaM},${site.bandMhz}`;
}

const MAGIC = 0x50544c56; // "VLTP" little-endian: Vùng Lõm terrain profiles
const VERSION = 1;

type Entry = SiteProfile | ProfileRefusal;

interface HeaderEntry {
  key: string;
  refusal?: ProfileRefusal;
  lon?: number;
  lat?: number;
  groundM?: number;
  antennaM?: number;
  bandMhz?: number;
  sampling?: SiteProfile['sampling'];
  clear?: boolean;
  /** Offsets into the file's start (Uint32) and radii (Float32) blocks. */
  s?: number;
  sn?: number;
  r?: number;
  rn?: number;
}

/**
 * Site profiles computed once per elevation model, mast and parameter set, and kept: a worker
 * holds one across runs (a change of radius within the reach quantum, of technologies, of the
 * coverage rule or of any other non-terrain assumption reuses every profile), and the CLI can
 * write one to a file and read it back (`--terrain-cache`). Profiles are kept by their reach too
 * (its sampling follows the reach): a mast is given the profile a fresh run would compute, never a
 * longer one read for another radius or a route's trial, so the numbers do not depend on what ran before.
 */
export class ProfileCache {
  private readonly entries = new Map<string, Entry>();
  /** Profiles computed (misses) and reused (hits) since the cache was made. */
  computed = 0;
  reused = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The profile of `site` on `dem` under `params` (`paramsKey` = profileParamsKey(params)). */
  profile(dem: DemSet, site: ProfileSite, params: TerrainParams, paramsKey: string): Entry {
    const reach = Math.ceil(site.radiusM / REACH_QUANTUM_M) * REACH_QUANTUM_M;
    const key = entryKey(dem, paramsKey, site, reach);
    const have = this.entries.get(key);
    if (have) {
      this.reused++;
      return have;
    }
    const made = computeSiteProfile(dem, site, params);
    this.computed++;
    this.entries.set(key, made);
    return made;
  }

  /**
   * Adds the profiles of `terrain` (packed on `dem` under `params`) that the cache does not hold:
   * planning starts from an analysis' terrain without computing its masts again.
   */
  seed(dem: DemSet, params: TerrainParams, terrain: PackedTerrain): void {
    const paramsKey = profileParamsKey(params);
    const count = terrain.profiles.length / PROFILE_ROW;
    const t = terrain.profiles;
    for (let p = 0; p < count; p++) {
      // Keyed from the packed row; unpacked (its arrays copied) only when the cache lacks it, since
      // planning and routes seed from the same terrain run after run.
      const o = p * PROFILE_ROW;
      const site = { lon: t[o + PR_LON], lat: t[o + PR_LAT], antennaM: t[o + PR_ANTENNA], bandMhz: t[o + PR_BAND] };
      const key = entryKey(dem, paramsKey, site, t[o + PR_REACH]);
      if (!this.entries.has(key)) this.entries.set(key, unpackProfile(terrain, p));
    }
  }

  /** Drops every profile (another DEM, or memory wanted back). */
  clear(): void {
    this.entries.clear();
  }

  /** The cache as bytes: a small JSON header and two typed blocks. */
  toBytes(): Uint8Array {
    const header: HeaderEntry[] = [];
    let starts = 0;
    let radii = 0;
    for (const [key, e] of this.entries) {
      if ('reason' in e) {
        header.push({ key, refusal: e });
        continue;
      }
      header.push({
        key,
        lon: e.lon,
        lat: e.lat,
        groundM: e.groundM,
        antennaM: e.antennaM,
        bandMhz: e.bandMhz,
        sampling: e.sampling,
        clear: e.clear,
        s: starts,
        sn: e.start.length,
        r: radii,
        rn: e.radii.length,
      });
      starts += e.start.length;
      radii += e.radii.length;
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const pad = (4 - ((12 + json.length) % 4)) % 4;
    const out = new Uint8Array(12 + json.length + pad + starts * 4 + radii * 4);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, VERSION, true);
    view.setUint32(8, json.length, true);
    out.set(json, 12);
    const s0 = 12 + json.length + pad;
    const startBlock = new Uint32Array(out.buffer, s0, starts);
    const radiiBlock = new Float32Array(out.buffer, s0 + starts * 4, radii);
    for (const h of header) {
      if (h.refusal) continue;
      const e = this.entries.get(h.key) as SiteProfile;
      startBlock.set(e.start, h.s);
      radiiBlock.set(e.radii, h.r);
    }
    return out;
  }

  /**
   * A cache read from `toBytes` output. Throws an Error naming the problem when the bytes are not
   * such a file (the caller can then start from an empty cache).
   */
  static fromBytes(bytes: Uint8Array): ProfileCache {
    const cache = new ProfileCache();
    if (bytes.byteLength < 12) throw new Error('The terrain cache file is too short to be one: delete it and run again.');
    // A copy of its own (a Node Buffer may be a view into a shared pool, and slice() would not copy it).
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const view = new DataView(copy.buffer);
    if (view.getUint32(0, true) !== MAGIC) throw new Error('This is not a Vùng Lõm terrain cache file (wrong magic number).');
    if (view.getUint32(4, true) !== VERSION) throw new Error(`The terrain cache file has version ${view.getUint32(4, true)}; this tool writes version ${VERSION}: delete it.`);
    const len = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(copy.subarray(12, 12 + len))) as HeaderEntry[];
    const pad = (4 - ((12 + len) % 4)) % 4;
    const s0 = 12 + len + pad;
    let starts = 0;
    for (const h of header) if (!h.refusal) starts += h.sn!;
    const startBlock = new Uint32Array(copy.buffer, s0, starts);
    const radiiBlock = new Float32Array(copy.buffer, s0 + starts * 4, (copy.byteLength - s0 - starts * 4) / 4);
    for (const h of header) {
      if (h.refusal) {
        cache.entries.set(h.key, h.refusal);
        continue;
      }
      cache.entries.set(h.key, {
        lon: h.lon!,
        lat: h.lat!,
        groundM: h.groundM!,
        antennaM: h.antennaM!,
        bandMhz: h.bandMhz!,
        sampling: h.sampling!,
        clear: h.clear!,
        start: startBlock.slice(h.s!, h.s! + h.sn!),
        radii: radiiBlock.slice(h.r!, h.r! + h.rn!),
      });
    }
    return cache;
  }
}
