import { computeMobileCoverage } from '../coverage/compute-mobile-coverage.ts';
import { resultTransferables, type MobileCoverageResult } from '../coverage/coverage-result.ts';
import { computeFtth, type FtthResult } from '../ftth/compute-ftth.ts';
import type { PreparedAnalysis } from './prepare-analysis.ts';

/** The measures of villages `start … end - 1`. */
export interface ChunkResult {
  start: number;
  end: number;
  mobile: MobileCoverageResult;
  ftth: FtthResult;
}

/** Compute one range of villages of a prepared analysis. Pure and synchronous. */
export function computeChunk(prepared: PreparedAnalysis, start: number, end: number): ChunkResult {
  const range = { start, end };
  const mobile = computeMobileCoverage(prepared.villages, prepared.footprints, prepared.settlements, range, { terrain: prepared.terrain ?? null });
  const ftth = computeFtth(prepared.populated, prepared.fibre, range, { reachM: prepared.params.ftthReachM });
  return { start, end, mobile, ftth };
}

/** The buffers of a chunk result, to transfer it back from a worker without a copy. */
export function chunkTransferables(r: ChunkResult): ArrayBuffer[] {
  return [...resultTransferables(r.mobile), r.ftth.fraction.buffer as ArrayBuffer, r.ftth.nearestM.buffer as ArrayBuffer];
}
