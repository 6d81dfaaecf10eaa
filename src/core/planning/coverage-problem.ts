import { packFootprints, type PackedFootprints } from '../coverage/packed-footprints.ts';
import type { PackedVillages } from '../coverage/packed-villages.ts';
import type { AnalysisParams } from '../params.ts';
import type { BtsRecord } from '../model.ts';
import type { PackedTerrain } from '../terrain/packed-terrain.ts';
import type { Candidate } from './candidates.ts';
import { CoverageEvaluator, MEASURE_NONE } from './coverage-evaluator.ts';
import type { VillageGeometry } from './village-geometry.ts';

/**
 * A maximum-coverage instance: villages with weights (1 each, or their population), the coverage an
 * operator already has, and candidates, each a few footprints. Which candidate touches which
 * village, and which test points it covers there, is computed once; the optimiser and the exact
 * solver both work on this.
 */
export class CoverageProblem {
  /** Candidate `c` owns footprints `fpStart[c] … fpStart[c + 1] - 1` of the evaluator's extra set. */
  readonly fpStart: Int32Array;
  /** Valid villages whose box meets candidate `c`'s footprints, ascending. */
  readonly touched: Int32Array[];
  /** Candidates touching village `v`, ascending. */
  readonly candidatesOf: Int32Array[];
  private readonly hitCache = new Map<number, Int32Array>();

  constructor(
    readonly evaluator: CoverageEvaluator,
    readonly candidates: readonly Candidate[],
    /** What each village counts for the target (1, or its population). */
    readonly weight: Float64Array,
  ) {
    const extra = evaluator.extra;
    const owner: number[] = [];
    candidates.forEach((c, i) => c.records.forEach(() => owner.push(i)));
    const n = candidates.length;
    this.fpStart = new Int32Array(n + 1);
    const counts = new Int32Array(n);
    for (let f = 0; f < extra.count; f++) counts[owner[extra.source[f]]]++;
    for (let c = 0; c < n; c++) this.fpStart[c + 1] = this.fpStart[c] + counts[c];
    const byVillage: number[][] = Array.from({ length: evaluator.geom.count }, () => []);
    this.touched = [];
    for (let c = 0; c < n; c++) {
      const set = new Set<number>();
      for (let f = this.fpStart[c]; f < this.fpStart[c + 1]; f++) {
        for (const v of evaluator.villagesTouchedBy(f)) if (evaluator.kind[v] !== MEASURE_NONE) set.add(v);
      }
      const list = Int32Array.from([...set].sort((a, b) => a - b));
      this.touched.push(list);
      for (const v of list) byVillage[v].push(c);
    }
    this.candidatesOf = byVillage.map((l) => Int32Array.from(l));
  }

  /** Footprint numbers (in the extra set) of candidate `c`. */
  footprints(c: number): Int32Array {
    const out = new Int32Array(this.fpStart[c + 1] - this.fpStart[c]);
    for (let k = 0; k < out.length; k++) out[k] = this.fpStart[c] + k;
    return out;
  }

  /** Test points of village `v` that candidate `c` covers (cached). */
  hits(c: number, v: number): Int32Array {
    const key = c * this.evaluator.geom.count + v;
    let h = this.hitCache.get(key);
    if (!h) {
      h = this.evaluator.pointHits(v, this.footprints(c));
      this.hitCache.set(key, h);
    }
    return h;
  }

  /** Village `v`'s measure with the base and exactly the candidates `chosen` (from scratch). */
  valueWith(v: number, chosen: ReadonlySet<number> | readonly number[]): number {
    const set = chosen instanceof Set ? chosen : new Set(chosen);
    const fs: number[] = [];
    const hits: Int32Array[] = [];
    for (const c of this.candidatesOf[v]) {
      if (!set.has(c)) continue;
      for (let f = this.fpStart[c]; f < this.fpStart[c + 1]; f++) fs.push(f);
      hits.push(this.hits(c, v));
    }
    return this.evaluator.valueWith(v, fs, hits);
  }

  /** Whether village `v` is covered with the base and exactly the candidates `chosen`. */
  coveredWith(v: number, chosen: ReadonlySet<number> | readonly number[]): boolean {
    return this.evaluator.kind[v] !== MEASURE_NONE && this.evaluator.covers(this.valueWith(v, chosen));
  }

  /** Total weight of the villages covered with the base and exactly `chosen`. */
  coveredWeight(chosen: ReadonlySet<number> | readonly number[]): number {
    const set = chosen instanceof Set ? chosen : new Set(chosen);
    let total = 0;
    for (let v = 0; v < this.weight.length; v++) {
      if (this.evaluator.kind[v] === MEASURE_NONE) continue;
      if (this.evaluator.covers(this.evaluator.baseValue[v]) || (this.candidatesOf[v].length > 0 && this.coveredWith(v, set))) {
        total += this.weight[v];
      }
    }
    return total;
  }
}

/** The extra footprint set of a list of candidates (their records packed under the analysis parameters). */
function packCandidates(candidates: readonly Candidate[], params: AnalysisParams): PackedFootprints {
  return packFootprints(candidates.flatMap((c) => c.records), params);
}

/** Terrain footprints of packed records (null: no elevation model). */
export type TerrainOf = (records: readonly BtsRecord[], packed: PackedFootprints) => PackedTerrain | null;

/**
 * Build an evaluator whose base is `base` and whose extra set is the candidates' (with their terrain
 * footprints through `terrainOf`, when planning has an elevation model).
 */
export function buildProblem(
  geom: VillageGeometry,
  villages: PackedVillages,
  base: PackedFootprints,
  candidates: readonly Candidate[],
  params: AnalysisParams,
  weight: Float64Array,
  evaluator?: CoverageEvaluator,
  terrainOf?: TerrainOf,
): CoverageProblem {
  const extra = packCandidates(candidates, params);
  const extraTerrain = terrainOf ? terrainOf(candidates.flatMap((c) => c.records), extra) : null;
  const ev = evaluator ?? new CoverageEvaluator(geom, villages, base, extra, params, null, extraTerrain);
  ev.extra = extra;
  ev.extraTerrain = extraTerrain;
  ev.reset();
  return new CoverageProblem(ev, candidates, weight);
}
