/**
 * Computes every village of a prepared analysis on this thread and on any worker threads that are
 * ready: villages are handed out in ranges, so a thread still starting simply joins later (or not
 * at all when this thread is done first: a small input never waits for a thread).
 */
import type { Remote } from 'comlink';
import { computeChunk, type ChunkResult } from '../core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../core/analysis/prepare-analysis.ts';
import type { CoverageThreadApi } from './thread-api.ts';

/** Villages per range: about 16 ranges per thread, so threads stay balanced and progress is regular. */
function rangeSize(villages: number, threads: number): number {
  return Math.max(8, Math.ceil(villages / (threads * 16)));
}

/** Lets messages in (a thread's answer) between two ranges computed here. */
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What computeCoverage returns: every range's result in order, and who computed how much. */
export interface ComputedCoverage {
  chunks: ChunkResult[];
  /** Villages computed by this thread (first) and by each worker thread. */
  villagesBy: number[];
}

/** The chunk results of every village, in order; `threads` are worker threads besides this one. */
export async function computeCoverage(
  prepared: PreparedAnalysis,
  options: { threads: readonly Remote<CoverageThreadApi>[]; onProgress?: (done: number, total: number) => void },
): Promise<ComputedCoverage> {
  const total = prepared.villageCount;
  const size = rangeSize(total, options.threads.length + 1);
  const ranges: [number, number][] = [];
  for (let start = 0; start < total; start += size) ranges.push([start, Math.min(total, start + size)]);
  const results: ChunkResult[] = new Array(ranges.length);
  const villagesBy = new Array<number>(options.threads.length + 1).fill(0);
  let next = 0;
  let done = 0;
  const finished = (i: number, result: ChunkResult, by: number): void => {
    results[i] = result;
    const n = ranges[i][1] - ranges[i][0];
    villagesBy[by] += n;
    done += n;
    options.onProgress?.(done, total);
  };
  options.onProgress?.(0, total);

  const here = async (): Promise<void> => {
    while (next < ranges.length) {
      const i = next++;
      finished(i, computeChunk(prepared, ranges[i][0], ranges[i][1]), 0);
      await yieldToMessages();
    }
  };
  const there = async (thread: Remote<CoverageThreadApi>, k: number): Promise<void> => {
    await thread.ready();
    // Copy the analysis only to a thread that will have work.
    if (next >= ranges.length) return;
    await thread.load(prepared);
    const take = async (): Promise<void> => {
      while (next < ranges.length) {
        const i = next++;
        finished(i, await thread.computeRange(ranges[i][0], ranges[i][1]), k + 1);
      }
    };
    // Two ranges in flight: the thread starts the second while its answer to the first waits for
    // this thread to finish the range it is computing.
    await Promise.all([take(), take()]);
  };
  await Promise.all([here(), ...options.threads.map((thread, k) => there(thread, k))]);
  return { chunks: results, villagesBy };
}
