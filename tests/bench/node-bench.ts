/**
 * Ours in Node: the full analysis (prepare + compute + assemble) on one thread and on the CLI's
 * worker-thread pool, and the mobile area fraction alone (pack villages and footprints, then the
 * exact engine without settlements or nearest-site distances: the quantity PostGIS computes).
 */
import { readFileSync } from 'node:fs';
import { assembleGapList } from '../../src/core/analysis/assemble-gap-list.ts';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import { prepareAnalysis, type AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints, type PackedFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { computeCoverage } from '../../src/cli/compute-coverage.ts';
import { startThreads } from '../../src/cli/thread-pool.ts';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import { measure, type Timing } from './timing.ts';
import { concatSettlementColumns, type SettlementColumns } from '../../src/core/settlement-columns.ts';

/** Paths of one data set's files, as the CLI takes them. */
export interface SetPaths {
  villages: string;
  bts: string[];
  fibre: string[];
  settlements: string[];
}

/**
 * Reads a data set with the same reader the CLI and the app use (`readLayer`). Not the CLI's
 * `loadInputs`: its `push(...records)` overflows the call stack on the national BTS file.
 */
export async function loadSet(paths: SetPaths): Promise<AnalysisInput> {
  const read = async <K extends LayerKind>(kind: K, path: string) => readLayer(kind, { name: path, bytes: new Uint8Array(readFileSync(path)) });
  const append = <T>(into: T[], items: readonly T[]): void => {
    for (const item of items) into.push(item);
  };
  const input: AnalysisInput = { villages: (await read('villages', paths.villages)).records, bts: [], fibreRoutes: [], fibrePoints: [], settlements: null };
  for (const f of paths.bts) append(input.bts, (await read('bts', f)).records);
  for (const f of paths.fibre) {
    const r = await read('fibre', f);
    append(input.fibreRoutes, r.routes);
    append(input.fibrePoints, r.points);
  }
  if (paths.settlements.length > 0) {
    const parts: SettlementColumns[] = [];
    for (const f of paths.settlements) parts.push((await read('settlements', f)).columns);
    input.settlements = concatSettlementColumns(parts);
  }
  return input;
}

export interface NodeBenchResult {
  single: Timing;
  pool: Timing;
  poolThreads: number;
  mobile: Timing;
  /** Per village, area fraction from the mobile-only run (full precision; NaN for invalid villages). */
  areaFraction: Float64Array;
  /** The packed footprints of the mobile-only run (for PostGIS, Turf and the reference). */
  footprints: PackedFootprints;
  /** Phases of one single-thread analysis (ms), to show where the time goes. */
  phases: { prepare: number; compute: number; assemble: number };
}

function sumFinite(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) s += a[i];
  return s;
}

/** Mobile area fraction of every village (pack + exact engine, no settlements, no distances). */
export function mobileOnly(input: AnalysisInput, params: AnalysisParams): { areaFraction: Float64Array; footprints: PackedFootprints } {
  const villages = packVillages(input.villages);
  const footprints = packFootprints(input.bts, params);
  const r = computeMobileCoverage(villages, footprints, null, { start: 0, end: villages.count }, { nearestBts: false });
  return { areaFraction: r.areaFraction, footprints };
}

/**
 * Times the three measures. `runs` timed runs after `warmup` untimed ones; the pool is created and
 * its threads warmed before timing (thread start-up is not part of an analysis). `threadEntry` is
 * the built CLI's thread module (dist-cli/coverage-thread.mjs).
 */
export async function benchNode(
  input: AnalysisInput,
  opts: { warmup: number; runs: number; threads: number; threadEntry: URL; log: (s: string) => void },
): Promise<NodeBenchResult> {
  const params = defaultParams();
  const { log } = opts;

  log('  node: one thread, full analysis…');
  const single = await measure(() => {
    const prepared = prepareAnalysis(input, params);
    const gl = assembleGapList(input, prepared, [computeChunk(prepared, 0, prepared.villageCount)]);
    return gl.kpis.villages + gl.rows.length;
  }, opts);

  const t0 = performance.now();
  const prepared = prepareAnalysis(input, params);
  const t1 = performance.now();
  const chunk = computeChunk(prepared, 0, prepared.villageCount);
  const t2 = performance.now();
  assembleGapList(input, prepared, [chunk]);
  const t3 = performance.now();
  const phases = { prepare: t1 - t0, compute: t2 - t1, assemble: t3 - t2 };

  log(`  node: ${opts.threads} threads (the CLI's: this one and worker threads), full analysis…`);
  const pool = startThreads(opts.threads - 1, { entry: opts.threadEntry });
  let poolTiming: Timing;
  try {
    poolTiming = await measure(async () => {
      const p = prepareAnalysis(input, params);
      const { chunks } = await pool.guard(computeCoverage(p, { threads: pool.threads }));
      const gl = assembleGapList(input, p, chunks);
      return gl.kpis.villages + gl.rows.length;
    }, { warmup: Math.max(1, opts.warmup), runs: opts.runs });
  } finally {
    await pool.close();
  }

  log('  node: mobile area fraction only, one thread…');
  let last: ReturnType<typeof mobileOnly> | null = null;
  const mobile = await measure(() => {
    last = mobileOnly(input, params);
    return sumFinite(last.areaFraction);
  }, opts);
  const { areaFraction, footprints } = last ?? mobileOnly(input, params);
  return { single, pool: poolTiming, poolThreads: opts.threads, mobile, areaFraction, footprints, phases };
}
