import type { AnalysisParams } from '../params.ts';
import { assembleGapList, type GapList } from './assemble-gap-list.ts';
import { computeChunk } from './compute-chunk.ts';
import { prepareAnalysis, type AnalysisInput } from './prepare-analysis.ts';

/** A whole analysis on this thread: for tests, golden files and small inputs. */
export function analyzeInThread(input: AnalysisInput, params: AnalysisParams): GapList {
  const prepared = prepareAnalysis(input, params);
  return assembleGapList(input, prepared, [computeChunk(prepared, 0, prepared.villageCount)]);
}
