import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { CoverageWorkerApi } from '../../workers/protocol.ts';
import { CoverageWorkerPool } from '../core/analysis/worker-pool.ts';

/** A coverage pool of Node worker threads (each runs the same Comlink API as the browser's workers). */
export function createThreadPool(size: number): { pool: CoverageWorkerPool; close: () => Promise<void> } {
  const threads = Array.from(
    { length: size },
    () => new Worker(new URL('./ts-thread.mjs', import.meta.url), { workerData: { module: './coverage-thread.ts' } }),
  );
  const remotes: Remote<CoverageWorkerApi>[] = threads.map((t) => wrap<CoverageWorkerApi>(nodeEndpoint(t)));
  return {
    pool: new CoverageWorkerPool(remotes),
    close: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
