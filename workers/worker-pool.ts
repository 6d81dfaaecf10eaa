import type { Remote } from 'comlink';
import type { ChunkResult, CoverageWorkerApi, PreparedAnalysis } from './protocol.ts';

export interface PoolRunOptions {
  /** Villages per task: small enough that a cancel is answered quickly, large enough to amortise a message. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
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
 * through Comlink). Each worker gets the prepared data once per run, then village ranges are handed
 * out one at a time, so faster workers take more, progress is reported per chunk, and a cancel
 * (or a newer run: latest request wins) stops handing out work and rejects with `AbortError`.
 */
export class CoverageWorkerPool {
  private generation = 0;

  constructor(private readonly workers: readonly Remote<CoverageWorkerApi>[]) {
    if (workers.length === 0) throw new Error('A worker pool needs at least one worker.');
  }

  get size(): number {
    return this.workers.length;
  }

  async run(prepared: PreparedAnalysis, options: PoolRunOptions = {}): Promise<ChunkResult[]> {
    const generation = ++this.generation;
    const { signal, onProgress } = options;
    const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
    const total = prepared.villageCount;
    const ranges: [number, number][] = [];
    for (let s = 0; s < total; s += chunk) ranges.push([s, Math.min(total, s + chunk)]);
    const results: ChunkResult[] = new Array(ranges.length);
    const check = (): void => {
      if (signal?.aborted) throw new AbortError();
      if (generation !== this.generation) throw new AbortError('A newer analysis replaced this one.');
    };
    check();
    let next = 0;
    let done = 0;
    onProgress?.(0, total);
    const drain = async (worker: Remote<CoverageWorkerApi>): Promise<void> => {
      await worker.load(prepared);
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
    await Promise.all(this.workers.slice(0, Math.max(1, Math.min(this.workers.length, ranges.length))).map(drain));
    check();
    return results;
  }

  /** Supersede any run in progress (it rejects with AbortError at its next step). */
  cancel(): void {
    this.generation++;
  }
}
