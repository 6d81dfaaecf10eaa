import { wrap, type Remote } from 'comlink';
import type { AnalysisInput } from '../core/analysis/prepare-analysis.ts';
import { prepareAnalysis } from '../core/analysis/prepare-analysis.ts';
import { assembleGapList, type GapList } from '../core/analysis/assemble-gap-list.ts';
import type { AnalysisParams } from '../core/params.ts';
import type { CoverageWorkerApi } from '../../workers/protocol.ts';
import { CoverageWorkerPool } from '../../workers/worker-pool.ts';

/** What one analysis run reports besides its result. */
export interface RunTiming {
  /** Wall time from the request to the assembled gap list (ms). */
  totalMs: number;
  workers: number;
}

let pool: CoverageWorkerPool | null = null;

/** Pool size: one worker per core but one, so the page stays responsive; at least one. */
export function poolSize(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

function getPool(): CoverageWorkerPool {
  if (!pool) {
    const remotes: Remote<CoverageWorkerApi>[] = Array.from({ length: poolSize() }, () =>
      wrap<CoverageWorkerApi>(new Worker(new URL('../../workers/coverage.worker.ts', import.meta.url), { type: 'module' })),
    );
    pool = new CoverageWorkerPool(remotes);
  }
  return pool;
}

/**
 * Analyse in the worker pool. A newer call supersedes an older one (latest request wins: the older
 * rejects with an `AbortError`), and so does `signal`.
 */
export async function runAnalysis(
  input: AnalysisInput,
  params: AnalysisParams,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<GapList & { timing: RunTiming }> {
  const started = performance.now();
  const p = getPool();
  const prepared = prepareAnalysis(input, params);
  performance.measure('vunglom:prepare', { start: started });
  const computing = performance.now();
  const chunks = await p.run(prepared, {
    chunkSize: Math.max(32, Math.ceil(prepared.villageCount / (p.size * 8))),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  performance.measure('vunglom:workers', { start: computing });
  const assembling = performance.now();
  const gapList = assembleGapList(input, prepared, chunks);
  performance.measure('vunglom:assemble', { start: assembling });
  return { ...gapList, timing: { totalMs: performance.now() - started, workers: p.size } };
}

/** Stop any analysis in progress (it rejects with AbortError). */
export function cancelAnalysis(): void {
  pool?.cancel();
}
