import type { ChunkResult } from '../src/core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../src/core/analysis/prepare-analysis.ts';

export type { ChunkResult, PreparedAnalysis };

/**
 * The one API of a coverage worker, in the browser (Web Worker) and in the CLI (worker_threads),
 * both through Comlink. Clients import this file with `import type` only.
 */
export interface CoverageWorkerApi {
  /** Take a prepared analysis (copied into this worker); later ranges refer to it. */
  load(prepared: PreparedAnalysis): void;
  /** Compute villages `start … end - 1` of the loaded analysis; result buffers are transferred back. */
  computeRange(start: number, end: number): ChunkResult;
}
