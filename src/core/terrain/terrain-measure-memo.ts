import type { PlanarPolygon } from '../coverage/planar-polygon.ts';
import type { PackedFootprints } from '../coverage/packed-footprints.ts';
import { PR_BEARINGS, PR_START, PROFILE_STRIDE, type PackedTerrain } from './packed-terrain.ts';
import { R_PROFILE, REGION_STRIDE, type PolarRegions } from './polar-regions.ts';

/** Fields of a region row that define it (apex, scale, north, radius, sector, bearings); its profile is added by content. */
const REGION_FIELDS = 7;
/** Numbers kept (keys and values, 8 bytes each) before the memo starts again: 32 MB. */
const MAX_NUMBERS = 4_000_000;

/**
 * What a village's terrain measures depend on, as numbers: its polygon and settlement points in its
 * frame (by content hash), its centre, the candidate footprints' operator, technology and region,
 * and each region as PolarRegions holds it inside the village's box (apex, scale, north, radius,
 * sector) with its profile by content hash. Two measures with the same key are the same
 * computation, so their numbers are equal bit for bit.
 */
export class MeasureKey {
  data = new Float64Array(4096);
  length = 0;

  /** Builds the key of one village's measure (`regions` filled from `candidates`). */
  build(
    poly: PlanarPolygon,
    regions: PolarRegions,
    fp: PackedFootprints,
    candidates: ArrayLike<number>,
    points: { xy: Float64Array; weight: Float64Array; count: number },
    centre: Float64Array,
    shape: { operators: number; techs: number },
  ): void {
    this.length = 0;
    this.push(shape.operators, shape.techs, poly.ringCount, poly.partCount, points.count, regions.count, candidates.length);
    // The village by content hashes (its vertices would make a key of kilobytes): two 32-bit hashes
    // per array, so two villages are taken for one another with odds of about 2⁻⁶⁴ a pair.
    this.push(...wordsHash(poly.xy, poly.vertexCount * 2), ...wordsHash(poly.ringStart, poly.ringCount + 1), ...wordsHash(poly.partStart, poly.partCount + 1));
    this.push(...wordsHash(points.xy, points.count * 2), ...wordsHash(points.weight, points.count));
    this.push(centre[0], centre[1], poly.area, poly.minX, poly.minY, poly.maxX, poly.maxY);
    for (let q = 0; q < regions.count; q++) {
      const o = q * REGION_STRIDE;
      this.pushArray(regions.data, o, o + REGION_FIELDS);
      const profile = regions.data[o + R_PROFILE];
      const terrain = regions.terrainOf(q);
      if (profile < 0 || !terrain) this.push(-1, 0, 0);
      else {
        const h = profileHashesOf(terrain);
        this.push(terrain.profiles[profile * PROFILE_STRIDE + PR_BEARINGS], h[2 * profile], h[2 * profile + 1]);
      }
    }
    for (let k = 0; k < candidates.length; k++) {
      const f = candidates[k];
      this.push(fp.operator[f], fp.tech[f], regions.regionOfFootprint[k]);
    }
  }

  /** Two 32-bit hashes of the key (for the map; a hit is then compared in full). */
  hash(): string {
    const words = new Uint32Array(this.data.buffer, 0, this.length * 2);
    return hashWords(words).join(':');
  }

  private push(...values: number[]): void {
    this.reserve(values.length);
    for (const v of values) this.data[this.length++] = v;
  }

  private pushArray(from: ArrayLike<number>, start: number, end: number): void {
    this.reserve(end - start);
    for (let i = start; i < end; i++) this.data[this.length++] = from[i];
  }

  private reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const next = new Float64Array(Math.max(this.data.length * 2, this.length + n));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/**
 * Each profile's content hash (its wedges' intervals) by packed terrain set, kept for the thread:
 * every range of a run measures against the same set, and hashing all its profiles takes ~4 ms
 * (the sample's 535 footprints at 1″), which each range used to pay again.
 */
const profileHashes = new WeakMap<PackedTerrain, Float64Array>();

/** Each profile of `terrain` hashed by content (its wedges' intervals), once per packed set. */
function profileHashesOf(terrain: PackedTerrain): Float64Array {
  let h = profileHashes.get(terrain);
  if (h) return h;
  const count = terrain.profiles.length / PROFILE_STRIDE;
  h = new Float64Array(count * 2);
  const radiiWords = new Uint32Array(terrain.radii.buffer, terrain.radii.byteOffset, terrain.radii.length);
  for (let p = 0; p < count; p++) {
    const base = terrain.profiles[p * PROFILE_STRIDE + PR_START];
    const n = terrain.profiles[p * PROFILE_STRIDE + PR_BEARINGS];
    const first = terrain.start[base];
    const starts = new Uint32Array(n + 1);
    for (let k = 0; k <= n; k++) starts[k] = terrain.start[base + k] - first;
    const [a1, b1] = hashWords(starts);
    const [a2, b2] = hashWords(radiiWords.subarray(2 * first, 2 * terrain.start[base + n]));
    h[2 * p] = (a1 ^ Math.imul(a2, 0x9e3779b1)) >>> 0;
    h[2 * p + 1] = (b1 ^ Math.imul(b2, 0x85ebca77)) >>> 0;
  }
  profileHashes.set(terrain, h);
  return h;
}

/** Two 32-bit hashes of the first `length` elements of a typed array, by their bits. */
function wordsHash(array: Float64Array | Int32Array, length: number): [number, number] {
  const perElement = array.BYTES_PER_ELEMENT / 4;
  return hashWords(new Uint32Array(array.buffer, array.byteOffset, length * perElement));
}

/** Two independent 32-bit hashes (FNV-1a and a multiply–rotate one) of `words`. */
function hashWords(words: Uint32Array): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul((b ^ w) + 0x165667b1, 0xc2b2ae35);
    b = (b << 13) | (b >>> 19);
  }
  return [a >>> 0, (b ^ words.length) >>> 0];
}

/**
 * The terrain measures of villages already measured, by the whole of what they depend on
 * (`MeasureKey`): a run after a change that leaves a village's terrain footprints the same inside
 * its box (a radius edit far from it, a technology switched off elsewhere) takes its numbers from
 * here instead of measuring it again. One per thread (each coverage worker keeps its own).
 */
export class TerrainMeasureMemo {
  private readonly entries = new Map<string, { key: Float64Array; values: Float64Array }[]>();
  private numbers = 0;
  /** Measures taken from the memo and measured, since it was made. */
  hits = 0;
  misses = 0;

  /** The values stored under `key`, or null. */
  get(key: MeasureKey, hash: string): Float64Array | null {
    const list = this.entries.get(hash);
    if (list) {
      for (const e of list) {
        if (sameKey(e.key, key)) {
          this.hits++;
          return e.values;
        }
      }
    }
    this.misses++;
    return null;
  }

  /** Keeps `values` under `key` (copied). */
  set(key: MeasureKey, hash: string, values: Float64Array): void {
    if (this.numbers + key.length + values.length > MAX_NUMBERS) this.clear();
    const entry = { key: key.data.slice(0, key.length), values: values.slice() };
    const list = this.entries.get(hash);
    if (list) list.push(entry);
    else this.entries.set(hash, [entry]);
    this.numbers += key.length + values.length;
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.numbers = 0;
  }
}

function sameKey(stored: Float64Array, key: MeasureKey): boolean {
  if (stored.length !== key.length) return false;
  const d = key.data;
  // Compared as bits, so −0 and NaN are told apart the way the computation would.
  const a = new Uint32Array(stored.buffer, stored.byteOffset, stored.length * 2);
  const b = new Uint32Array(d.buffer, 0, key.length * 2);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** This thread's memo: the coverage code of a worker measures through it across runs. */
export const threadTerrainMemo = new TerrainMeasureMemo();
