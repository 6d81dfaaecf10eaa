import type { ChunkResult } from '../src/core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../src/core/analysis/prepare-analysis.ts';
import type { GeoFeature } from '../src/core/io/geojson-types.ts';
import type { AnalysisParams } from '../src/core/params.ts';
import type { LayerSlot, SessionAnalysis, SessionPrepared, SessionResult } from './analysis-session.ts';

export type { AnalysisParams, ChunkResult, GeoFeature, LayerSlot, PreparedAnalysis, SessionAnalysis, SessionPrepared, SessionResult };

/**
 * The one API of a coverage worker, in the browser (Web Worker) and in the CLI (worker_threads),
 * both through Comlink. Clients import this file with `import type` only.
 *
 * Two ways to run: the CLI packs on its side and sends the result (`load`, then `computeRange`);
 * the app sends each layer's features once (`setLayer`) and lets the worker read, pack and keep
 * them (`prepare`, `computeRange`, `assemble`), so the main thread does none of it.
 */
export interface CoverageWorkerApi {
  /** Take a prepared analysis (copied into this worker); later ranges refer to it. */
  load(prepared: PreparedAnalysis): void;
  /** Compute villages `start … end - 1` of the loaded analysis; result buffers are transferred back. */
  computeRange(start: number, end: number): ChunkResult;
  /**
   * Run the synthetic warm-up scene (the JIT optimises the hot code before real data comes), a round
   * at a time, ending early when a run comes; its time in ms.
   */
  warmUp(): Promise<number>;
  /** Keep `features` as input layer `slot` (null: none); records and packed data follow at the next `prepare`. */
  setLayer(slot: LayerSlot, features: GeoFeature[] | null): void;
  /** Read and pack what changed for `params`; ranges then refer to this analysis. */
  prepare(params: AnalysisParams): SessionPrepared;
  /** The packed data of the last `prepare`, for other workers of the pool (`load`). */
  preparedData(): PreparedAnalysis;
  /**
   * The app's run in one call: prepare for `params`, compute this worker's share of the ranges
   * (all of them when `plan.workers` is 1) and, alone, assemble. Ranges follow one another inside
   * the worker, so a busy page (a long map frame) never leaves it waiting; `onProgress` (a Comlink
   * proxy: an argument of its own, as Comlink passes only those) hears of each range, unawaited. A newer `analyse`/`computeShare` or `cancel` stops it between two ranges (AbortError).
   */
  analyse(params: AnalysisParams, plan: AnalysePlan, onProgress?: (villages: number, total: number) => void): Promise<AnalyseReport>;
  /** Another worker's share of a run of the data last given to `load`; the chunks are transferred back. */
  computeShare(token: number, share: { index: number; of: number; chunk: number }, onProgress?: (villages: number, total: number) => void): Promise<ShareResult>;
  /** The gap list from this worker's kept share plus `chunks` (transferred in), or from the cached measures when both are empty. */
  assemble(chunks: ChunkResult[] | null): SessionResult;
  /** Stop the run in progress at its next range. */
  cancel(): void;
  /** Post the last assembled analysis (records, packed data, measures) on `port` (null when there is none yet, then false), for a planning worker. */
  sharePlanning(port: MessagePort): boolean;
}

/** How `analyse` runs: its token (newer runs have larger ones), the pool's size and the range length. */
export interface AnalysePlan {
  token: number;
  workers: number;
  /** Villages per range (0: an eighth of a worker's share). */
  chunk: number;
}

/** What `analyse` reports: the preparation, the compute time in the worker, and the result when this worker assembled it. */
export interface AnalyseReport {
  prepared: SessionPrepared;
  computeMs: number;
  result: SessionResult | null;
}

/** The chunks of one worker's share. */
export type ShareResult = ChunkResult[];
