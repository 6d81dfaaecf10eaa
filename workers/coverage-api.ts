import { transfer } from 'comlink';
import { chunkTransferables, computeChunk } from '../src/core/analysis/compute-chunk.ts';
import type { CoverageWorkerApi, PreparedAnalysis } from './protocol.ts';

/** Wire the worker API to the core; shared by the browser worker and the CLI's threads. */
export function createCoverageApi(): CoverageWorkerApi {
  let prepared: PreparedAnalysis | null = null;
  return {
    load(p) {
      prepared = p;
    },
    computeRange(start, end) {
      if (!prepared) throw new Error('computeRange called before load: send the prepared analysis first.');
      const result = computeChunk(prepared, start, end);
      return transfer(result, chunkTransferables(result));
    },
  };
}
