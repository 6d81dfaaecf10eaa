import { computeMobileCoverage } from '../coverage/compute-mobile-coverage.ts';
import { allocateCoverageResult, resultTransferables, type MobileCoverageResult } from '../coverage/coverage-result.ts';
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

/**
 * One chunk over villages 0 … count − 1, from chunks covering them in any order (the chunk itself
 * when there is one covering all). Throws when the chunks do not cover every village exactly once.
 */
export function mergeChunks(chunks: readonly ChunkResult[], count: number): ChunkResult {
  if (chunks.length === 1 && chunks[0].start === 0 && chunks[0].end === count) return chunks[0];
  if (chunks.length === 0) throw new Error(`No chunks to merge for ${count} villages: pass the computed ranges, covering every village once.`);
  const first = chunks[0].mobile;
  const mobile: MobileCoverageResult = allocateCoverageResult(0, count, first.operatorCount, first.techCount, { terrain: first.terrain !== null });
  const fraction = new Float64Array(count);
  const nearestM = new Float64Array(count);
  let seen = 0;
  const columns = [
    ['areaFraction', 1],
    ['popFraction', 1],
    ['centreCovered', 1],
    ['nearestBtsM', 1],
    ['byOperator', first.operatorCount],
    ['popByOperator', first.operatorCount],
    ['centreByOperator', first.operatorCount],
    ['byTech', first.techCount],
    ['popByTech', first.techCount],
    ['centreByTech', first.techCount],
  ] as const;
  for (const c of chunks) {
    for (const [name, width] of columns) {
      (mobile[name] as Float64Array | Uint8Array).set(c.mobile[name] as Float64Array & Uint8Array, c.start * width);
    }
    if (mobile.terrain && c.mobile.terrain) {
      mobile.terrain.diskArea.set(c.mobile.terrain.diskArea, c.start);
      mobile.terrain.diskPop.set(c.mobile.terrain.diskPop, c.start);
      mobile.terrain.diskCentre.set(c.mobile.terrain.diskCentre, c.start);
      mobile.terrain.model.set(c.mobile.terrain.model, c.start);
    }
    fraction.set(c.ftth.fraction, c.start);
    nearestM.set(c.ftth.nearestM, c.start);
    seen += c.end - c.start;
  }
  if (seen !== count) throw new Error(`The chunks hold ${seen} villages, expected ${count}: every village must be computed once.`);
  return { start: 0, end: count, mobile, ftth: { fraction, nearestM } };
}
