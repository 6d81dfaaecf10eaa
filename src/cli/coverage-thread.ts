/**
 * The entry of a CLI worker thread (built to dist-cli/coverage-thread.mjs). A thread starts while
 * the main thread reads the inputs and spends that time on the warm-up scene (the real path on a
 * small synthetic province), so V8 has optimised the engine before the real ranges come.
 */
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { chunkTransferables, computeChunk } from '../core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../core/analysis/prepare-analysis.ts';
import { runWarmUp } from '../core/analysis/warm-up-scene.ts';
import type { CoverageThreadApi } from './thread-api.ts';

if (!parentPort) throw new Error('coverage-thread runs only as a worker thread: start it with new Worker(…).');

let prepared: PreparedAnalysis | null = null;
const api: CoverageThreadApi = {
  ready: () => true,
  load(p) {
    prepared = p;
  },
  computeRange(start, end) {
    if (!prepared) throw new Error('computeRange before load: send the prepared analysis first.');
    const result = computeChunk(prepared, start, end);
    return transfer(result, chunkTransferables(result));
  },
};
expose(api, nodeEndpoint(parentPort));
// Between two rounds the thread takes its messages; once the real analysis is loaded the warm-up stops.
await runWarmUp({ pause: () => new Promise((resolve) => setImmediate(resolve)), stop: () => prepared !== null });
