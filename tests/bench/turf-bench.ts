/**
 * The naive way with Turf on a small subset: each footprint as a 64-step `turf.circle` or
 * `turf.sector`, `turf.union` of a village's footprints, `turf.intersect` with the village,
 * `turf.area` ratio; against ours on the same villages.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { type AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { defaultParams } from '../../src/core/params.ts';
import { seededRandom } from '../helpers/coverage-scene.ts';
import { measure, summarize, type Timing } from './timing.ts';
import type { FootprintLookup, PlainFootprint } from './village-footprints.ts';

export interface TurfBenchResult {
  villages: number;
  turf: Timing;
  ours: Timing;
  /** Largest and mean |Turf − ours| in area fraction. */
  maxDiff: number;
  meanDiff: number;
}

type Poly = Feature<Polygon | MultiPolygon>;

function footprintPolygon(f: PlainFootprint): Poly {
  const opts = { steps: 64, units: 'meters' as const };
  if (Number.isNaN(f.from)) return turf.circle([f.lon, f.lat], f.radiusM, opts);
  return turf.sector([f.lon, f.lat], f.radiusM, f.from, f.to, opts);
}

/** Turf's area fraction of one village. */
export function turfAreaFraction(geometry: AnalysisInput['villages'][number]['geometry'], fps: PlainFootprint[]): number {
  if (fps.length === 0) return 0;
  const village = turf.multiPolygon(geometry);
  const polys = fps.map(footprintPolygon);
  const union = polys.length === 1 ? polys[0] : turf.union(turf.featureCollection(polys));
  if (!union) return 0;
  const inter = turf.intersect(turf.featureCollection([village, union]));
  return inter ? turf.area(inter) / turf.area(village) : 0;
}

/** Seeded choice of `n` valid village indices. */
export function pickVillages(input: AnalysisInput, n: number, seed: number): number[] {
  const rnd = seededRandom(seed);
  const pool = input.villages.map((_, i) => i).filter((i) => !input.villages[i].invalidReason);
  const out: number[] = [];
  while (out.length < n && pool.length > 0) {
    const j = Math.floor(rnd() * pool.length);
    out.push(pool[j]);
    pool[j] = pool[pool.length - 1];
    pool.pop();
  }
  return out.sort((a, b) => a - b);
}

export async function benchTurf(
  input: AnalysisInput,
  lookup: FootprintLookup,
  opts: { n: number; seed: number; runs: number; log: (s: string) => void },
): Promise<TurfBenchResult> {
  const picked = pickVillages(input, opts.n, opts.seed);
  const records = picked.map((i) => input.villages[i]);
  const candidates = records.map((r) => lookup.near(r.geometry));
  const turfValues = new Float64Array(records.length);
  const runTurf = (count: number): number => {
    let s = 0;
    for (let k = 0; k < count; k++) {
      turfValues[k] = turfAreaFraction(records[k].geometry, candidates[k]);
      s += turfValues[k];
    }
    return s;
  };
  opts.log(`  turf: ${records.length} villages, 64-step circles/sectors, union, intersect, area…`);
  runTurf(Math.min(10, records.length));
  const turfRuns: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const t0 = performance.now();
    runTurf(records.length);
    turfRuns.push(performance.now() - t0);
  }
  const params = defaultParams();
  let oursValues: Float64Array = new Float64Array(0);
  const ours = await measure(() => {
    const villages = packVillages(records);
    const footprints = packFootprints(input.bts, params);
    oursValues = computeMobileCoverage(villages, footprints, null, { start: 0, end: villages.count }, { nearestBts: false }).areaFraction;
    return oursValues[0];
  }, { warmup: 3, runs: 10 });
  let maxDiff = 0;
  let sum = 0;
  for (let k = 0; k < records.length; k++) {
    const d = Math.abs(turfValues[k] - oursValues[k]);
    maxDiff = Math.max(maxDiff, d);
    sum += d;
  }
  return { villages: records.length, turf: summarize(turfRuns), ours, maxDiff, meanDiff: sum / records.length };
}
