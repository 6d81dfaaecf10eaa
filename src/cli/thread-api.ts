/** What a CLI worker thread does, declared once: the thread implements it, the pool calls it through Comlink. */
import type { ChunkResult } from '../core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../core/analysis/prepare-analysis.ts';

export interface CoverageThreadApi {
  /** Resolves once the thread has started (its code is loaded): nothing is copied to a thread that is not ready. */
  ready(): boolean;
  /** Takes a prepared analysis (copied into the thread); later ranges refer to it. */
  load(prepared: PreparedAnalysis): void;
  /** Villages `start … end - 1` of the loaded analysis; the result's buffers are transferred back. */
  computeRange(start: number, end: number): ChunkResult;
}
