import type { AnalysisParams } from '../params.ts';
import type { SessionPrepared, SessionResult } from './analysis-session.ts';
import type { ChunkResult } from './compute-chunk.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/** Hears of computed villages: `villages` more are done, of `total`. */
export type ProgressCallback = (villages: number, total: number) => void;

/** How a worker's `analyse` runs: its token (newer runs have larger ones), the pool's size and the range length. */
export interface AnalysePlan {
  token: number;
  workers: number;
  /** Villages per range (0: `defaultChunk` of a worker's share). */
  chunk: number;
  /**
   * Keep the rows, geometries and sites in the worker and return only the KPIs (a country's gap
   * list is too large to copy in one message; the page asks for rows page by page).
   */
  lean?: boolean;
}

/** What a worker's `analyse` reports: the preparation, the compute time in the worker, and the result when this worker assembled it. */
export interface AnalyseReport {
  prepared: SessionPrepared;
  computeMs: number;
  /** When the worker took the call up (ms since the epoch, `performance.timeOrigin` based): the caller's wait is the difference from when it asked. */
  startedAt: number;
  result: SessionResult | null;
}

/**
 * What the pool needs of a coverage worker: the calls it makes, each answered later. A Comlink
 * remote of the workers' API is one (workers/protocol.ts), in the browser and in the CLI's
 * threads; the pool itself knows nothing of Comlink.
 */
export interface PoolWorker {
  warmUp(): Promise<number>;
  load(prepared: PreparedAnalysis): Promise<void>;
  computeRange(start: number, end: number): Promise<ChunkResult>;
  prepare(params: AnalysisParams): Promise<SessionPrepared>;
  preparedData(): Promise<PreparedAnalysis>;
  analyse(params: AnalysisParams, plan: AnalysePlan, onProgress?: ProgressCallback): Promise<AnalyseReport>;
  computeShare(token: number, share: { index: number; of: number; chunk: number }, onProgress?: ProgressCallback): Promise<ChunkResult[]>;
  assemble(chunks: ChunkResult[] | null, lean?: boolean): Promise<SessionResult>;
  cancel(): Promise<void>;
}

/**
 * How the first worker's packed data reaches worker `to` of the pool before its share (the default:
 * `preparedData` of the first, then `load`; the app sends it from worker to worker instead).
 */
export type HandOver<W extends PoolWorker> = (from: W, to: W) => Promise<void>;

/**
 * How a callback crosses to a worker: Comlink's `proxy` for workers behind Comlink (a callback
 * cannot be copied), the function itself for workers on this thread.
 */
export type ProxyCallback = (callback: ProgressCallback) => ProgressCallback;

/** Villages per range when not told: an eighth of a worker's share, at least 32 (few messages, a cancel answered soon). */
export function defaultChunk(villages: number, workers: number): number {
  return Math.max(32, Math.ceil(villages / (workers * 8)));
}

/** The ranges of share `index` of `of`: every `of`-th range of `chunk` villages, so shares balance. */
export function shareRanges(total: number, chunk: number, index: number, of: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = index * chunk; s < total; s += of * chunk) out.push([s, Math.min(total, s + chunk)]);
  return out;
}

export interface PoolRunOptions {
  /** Villages per task: small enough that a cancel is answered quickly, large enough to amortise a message. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Leave the rows, geometries and sites in the worker (see `AnalysePlan.lean`). */
  lean?: boolean;
}

/** What a run from held layers reports besides the gap list: where the time went (ms). */
export interface SessionTiming {
  /** Reading features into records, in the worker (0 when no layer changed). */
  recordsMs: number;
  /** Packing, in the worker (0 when nothing it depends on changed). */
  packMs: number;
  /** From the request to the last range computed (includes the two above and any message wait). */
  prepareWallMs: number;
  /** From the request until the (first) worker took it up: a warm-up round or a layer being read before it. */
  waitMs: number;
  computeWallMs: number;
  assembleWallMs: number;
  /** Whether the measures were reused (only the classification changed). */
  reused: boolean;
}

/** Thrown when a run is cancelled or superseded by a newer one. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The analysis was cancelled.') {
    super(message);
  }
}

const DEFAULT_CHUNK = 64;

/**
 * Runs one analysis over a set of coverage workers (browser Web Workers or Node worker_threads, both
 * through Comlink, which the caller wires: see `PoolWorker`). Village ranges are handed out one at a time, so faster workers take more,
 * progress is reported per chunk, and a cancel (or a newer run: latest request wins) stops handing
 * out work and rejects with `AbortError`.
 *
 * Two entries: `run(prepared)` sends data packed by the caller to every worker (the CLI);
 * `runHeld(params)` works on layers sent once with `setLayer` to the first worker, which reads,
 * packs and assembles them itself (the app) and passes its packed data to the others when it changed.
 */
export class CoverageWorkerPool<W extends PoolWorker = PoolWorker> {
  private generation = 0;
  /** Runs started and not yet settled. */
  private active = 0;
  /** The packed data each worker but the first holds (by the first worker's key). */
  private readonly loadedKeys: (string | null)[];
  private readonly proxy: ProxyCallback;
  private readonly handOver: HandOver<W>;
  private readonly workers: W[];

  /**
   * `options.proxy` wraps the progress callbacks sent to the workers (Comlink's `proxy`; none for
   * workers on this thread); `options.handOver` says how packed data goes from the first worker to another.
   */
  constructor(workers: readonly W[], options: { proxy?: ProxyCallback; handOver?: HandOver<W> } = {}) {
    if (workers.length === 0) throw new Error('A worker pool needs at least one worker.');
    this.workers = [...workers];
    this.loadedKeys = workers.map(() => null);
    this.proxy = options.proxy ?? ((callback) => callback);
    this.handOver = options.handOver ?? (async (from, to) => to.load(await from.preparedData()));
  }

  /** Whether a run is in progress (started, not yet settled). */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Adds a worker; it takes part from the next run on (it gets the packed data before its first share). */
  add(worker: W): void {
    this.workers.push(worker);
    this.loadedKeys.push(null);
  }

  /** Takes the workers after the first `keep` out of the pool and returns them, for the caller to end; none while a run is in progress. */
  shrink(keep: number): W[] {
    if (this.busy) throw new Error('shrink called while a run is in progress: shrink once it has settled.');
    this.loadedKeys.splice(Math.max(1, keep));
    return this.workers.splice(Math.max(1, keep));
  }

  get size(): number {
    return this.workers.length;
  }

  /** The worker that holds the layers and the last analysis (layers are sent to it; the views and files of a lean run come from it). */
  get holder(): W {
    return this.workers[0];
  }

  /** Runs the synthetic warm-up scene in every worker at once; resolves with each worker's time (ms). */
  warmUp(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.warmUp()));
  }

  async run(prepared: PreparedAnalysis, options: PoolRunOptions = {}): Promise<ChunkResult[]> {
    const generation = ++this.generation;
    this.loadedKeys.fill(null);
    const check = this.checker(generation, options.signal);
    check();
    this.active++;
    try {
      return await this.computeAll(prepared.villageCount, check, options, async (worker) => {
        await worker.load(prepared);
      });
    } finally {
      this.active--;
    }
  }

  /**
   * Analyses the held layers with `params`. With one worker it is a single call (prepare, every range
   * and the assembly inside the worker, progress posted back), so a page busy drawing never holds the
   * worker up between ranges; with more, the first worker prepares, each computes an interleaved
   * share, and the first assembles.
   */
  async runHeld(params: AnalysisParams, options: PoolRunOptions = {}): Promise<SessionResult & { timing: SessionTiming }> {
    const generation = ++this.generation;
    const check = this.checker(generation, options.signal);
    const abort = (): void => this.cancel();
    options.signal?.addEventListener('abort', abort, { once: true });
    this.active++;
    try {
      check();
      const [first, ...others] = this.workers;
      const t0 = performance.now();
      let total = 0;
      let done = 0;
      const progress = this.proxy((villages: number, of: number) => {
        done += villages;
        total = of;
        if (generation === this.generation) options.onProgress?.(done, total);
      });
      if (others.length === 0) {
        options.onProgress?.(0, 0);
        const report = await first.analyse(params, { token: generation, workers: 1, chunk: options.chunkSize ?? 0, lean: options.lean }, progress);
        check();
        const t1 = performance.now();
        if (!report.result) throw new Error('The coverage worker computed a share but did not assemble it.');
        const { prepared: prep, result } = report;
        options.onProgress?.(prep.villageCount, prep.villageCount);
        const waitMs = Math.max(0, report.startedAt - (performance.timeOrigin + t0));
        const computeWallMs = Math.max(0, t1 - t0 - waitMs - prep.recordsMs - prep.packMs - result.assembleMs);
        return {
          ...result,
          timing: { waitMs, recordsMs: prep.recordsMs, packMs: prep.packMs, prepareWallMs: waitMs + prep.recordsMs + prep.packMs, computeWallMs, assembleWallMs: result.assembleMs, reused: prep.computed },
        };
      }
      const prep: SessionPrepared = await first.prepare(params);
      check();
      total = prep.villageCount;
      const t1 = performance.now();
      let others$: Promise<ChunkResult[][]> = Promise.resolve([]);
      let analysed: SessionResult | null = null;
      if (prep.ftthOnly) {
        // Only the reach changed: the first worker recomputes FTTH over its cached mobile measures, and assembles.
        analysed = (await first.analyse(params, { token: generation, workers: 1, chunk: 0, lean: options.lean })).result;
        check();
      } else if (!prep.computed) {
        options.onProgress?.(0, total);
        const chunk = options.chunkSize ?? defaultChunk(total, this.size);
        others$ = Promise.all(
          others.map(async (worker, j) => {
            const k = j + 1;
            if (this.loadedKeys[k] !== prep.preparedKey) {
              await this.handOver(first, worker);
              this.loadedKeys[k] = prep.preparedKey;
            }
            check();
            return worker.computeShare(generation, { index: k, of: this.size, chunk }, progress);
          }),
        );
        await Promise.all([first.analyse(params, { token: generation, workers: this.size, chunk, lean: options.lean }, progress), others$]);
        check();
      }
      const t2 = performance.now();
      // Measures cached for this data (only the classification changed): nothing was computed, the first worker assembles from its cache.
      const result = analysed ?? (await first.assemble(prep.computed ? null : (await others$).flat(), options.lean));
      check();
      options.onProgress?.(total, total);
      const t3 = performance.now();
      return {
        ...result,
        timing: { waitMs: 0, recordsMs: prep.recordsMs, packMs: prep.packMs, prepareWallMs: t1 - t0, computeWallMs: t2 - t1, assembleWallMs: t3 - t2, reused: prep.computed },
      };
    } finally {
      this.active--;
      options.signal?.removeEventListener('abort', abort);
    }
  }

  /** Supersede any run in progress (it rejects with AbortError at its next step; the workers stop at their next range). */
  cancel(): void {
    this.generation++;
    // Not awaited: each worker stops at its next range; a cancel that cannot be delivered is an unhandled rejection, not silence.
    for (const worker of this.workers) void worker.cancel();
  }

  private checker(generation: number, signal: AbortSignal | undefined): () => void {
    return () => {
      if (signal?.aborted) throw new AbortError();
      if (generation !== this.generation) throw new AbortError('A newer analysis replaced this one.');
    };
  }

  /** Hands out the ranges of `total` villages; `ready` brings worker `k` up to date before its first range (worker 0 is ready in `runHeld`). */
  private async computeAll(
    total: number,
    check: () => void,
    options: PoolRunOptions,
    ready: (worker: W, k: number) => Promise<void>,
  ): Promise<ChunkResult[]> {
    const { onProgress } = options;
    const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    const ranges: [number, number][] = [];
    for (let s = 0; s < total; s += chunk) ranges.push([s, Math.min(total, s + chunk)]);
    const results: ChunkResult[] = new Array(ranges.length);
    let next = 0;
    let done = 0;
    onProgress?.(0, total);
    const drain = async (worker: W, k: number): Promise<void> => {
      await ready(worker, k);
      check();
      while (next < ranges.length) {
        const i = next++;
        const [start, end] = ranges[i];
        results[i] = await worker.computeRange(start, end);
        check();
        done += end - start;
        onProgress?.(done, total);
      }
    };
    const used = this.workers.slice(0, Math.max(1, Math.min(this.workers.length, ranges.length)));
    await Promise.all(used.map((w, k) => drain(w, k)));
    check();
    return results;
  }
}
