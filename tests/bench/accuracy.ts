/**
 * Accuracy of `mobile_area_fraction`, ours and PostGIS's, against the independent exact reference
 * (tests/helpers/exact-reference.ts: geodesic footprint vertices, equal-area frame) on a seeded
 * subset: half spread over latitude bands, half among partly covered villages (the hard ones).
 */
import type { VillageRecord } from '../../src/core/model.ts';
import { referenceAreaFraction } from '../helpers/exact-reference.ts';
import { seededRandom } from '../helpers/coverage-scene.ts';
import { geometryBox, toReference, type FootprintLookup } from './village-footprints.ts';

export interface ErrorStats {
  max: number;
  mean: number;
  /** Index of the village with the largest error. */
  worst: number;
  count: number;
}

export interface AccuracyResult {
  sample: number;
  /** Villages left out of the draw because more than `maxSites` sites meet their box (the reference is too slow there). */
  tooManySites: number;
  eligible: number;
  maxSites: number;
  partial: number;
  latRange: [number, number];
  referenceMs: number;
  ours: ErrorStats;
  postgis: ErrorStats | null;
  /** The same on the partly covered villages only. */
  oursPartial: ErrorStats;
  postgisPartial: ErrorStats | null;
}

function stats(indices: readonly number[], ref: Map<number, number>, values: Float64Array): ErrorStats {
  let max = 0;
  let sum = 0;
  let worst = -1;
  let count = 0;
  for (const v of indices) {
    const e = Math.abs(values[v] - (ref.get(v) as number));
    if (!Number.isFinite(e)) continue;
    count++;
    sum += e;
    if (e >= max) {
      max = e;
      worst = v;
    }
  }
  return { max, mean: count ? sum / count : NaN, worst, count };
}

/**
 * Picks `n` villages (half by latitude band, half partly covered by our answer), seeded, among the
 * valid villages that `eligible` accepts.
 */
export function pickAccuracySample(
  villages: readonly VillageRecord[],
  ours: Float64Array,
  n: number,
  seed: number,
  eligible: (i: number) => boolean = () => true,
): { all: number[]; partial: number[] } {
  const rnd = seededRandom(seed);
  const valid = villages.map((_, i) => i).filter((i) => !villages[i].invalidReason && Number.isFinite(ours[i]) && eligible(i));
  const lat = (i: number): number => {
    const b = geometryBox(villages[i].geometry);
    return (b[1] + b[3]) / 2;
  };
  const byLat = [...valid].sort((a, b) => lat(a) - lat(b));
  const picked = new Set<number>();
  const bands = Math.ceil(n / 2);
  for (let k = 0; k < bands; k++) {
    const lo = Math.floor((k * byLat.length) / bands);
    const hi = Math.max(lo + 1, Math.floor(((k + 1) * byLat.length) / bands));
    picked.add(byLat[lo + Math.floor(rnd() * (hi - lo))]);
  }
  const partialPool = valid.filter((i) => ours[i] > 1e-6 && ours[i] < 1 - 1e-6 && !picked.has(i));
  const partial: number[] = [];
  while (partial.length < n - bands && partialPool.length > 0) {
    const j = Math.floor(rnd() * partialPool.length);
    partial.push(partialPool[j]);
    partialPool[j] = partialPool[partialPool.length - 1];
    partialPool.pop();
  }
  for (const i of picked) if (ours[i] > 1e-6 && ours[i] < 1 - 1e-6) partial.push(i);
  return { all: [...picked, ...partial.filter((i) => !picked.has(i))], partial };
}

/** Errors of ours (and PostGIS, when given) against the reference on the seeded sample. */
export function measureAccuracy(
  villages: readonly VillageRecord[],
  lookup: FootprintLookup,
  ours: Float64Array,
  postgis: Float64Array | null,
  opts: { n: number; seed: number; maxSites: number; vertices: number; log: (s: string) => void },
): AccuracyResult {
  const siteCount = (i: number): number => new Set(lookup.near(villages[i].geometry).map((f) => `${f.lon},${f.lat}`)).size;
  let tooManySites = 0;
  let eligibleCount = 0;
  const eligible = new Uint8Array(villages.length);
  villages.forEach((v, i) => {
    if (v.invalidReason) return;
    if (siteCount(i) > opts.maxSites) tooManySites++;
    else {
      eligible[i] = 1;
      eligibleCount++;
    }
  });
  const { all, partial } = pickAccuracySample(villages, ours, opts.n, opts.seed, (i) => eligible[i] === 1);
  const ref = new Map<number, number>();
  const t0 = performance.now();
  let minLat = Infinity;
  let maxLat = -Infinity;
  all.forEach((v, k) => {
    const g = villages[v].geometry;
    const b = geometryBox(g);
    minLat = Math.min(minLat, b[1]);
    maxLat = Math.max(maxLat, b[3]);
    ref.set(v, referenceAreaFraction(g, lookup.near(g).map(toReference), { vertices: opts.vertices }));
    if ((k + 1) % 50 === 0) opts.log(`  accuracy: reference ${k + 1}/${all.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  });
  const referenceMs = performance.now() - t0;
  return {
    sample: all.length,
    tooManySites,
    eligible: eligibleCount,
    maxSites: opts.maxSites,
    partial: partial.length,
    latRange: [minLat, maxLat],
    referenceMs,
    ours: stats(all, ref, ours),
    postgis: postgis ? stats(all, ref, postgis) : null,
    oursPartial: stats(partial, ref, ours),
    postgisPartial: postgis ? stats(partial, ref, postgis) : null,
  };
}
