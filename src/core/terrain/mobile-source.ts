import type { DemSummary } from './dem-set.ts';
import { MODEL_DISK_FALLBACK, MODEL_TERRAIN } from './terrain-coverage.ts';

/**
 * The provenance of a village's mobile measures, for `mobile_source` (kept in English in the files:
 * the app translates it for display): "predicted: disk" without an elevation model; with one,
 * "predicted: terrain (<DEM label>)", plus "; disk outside the DEM" when a footprint near the village
 * fell back to its disk, or "predicted: disk (outside the DEM)" when all did.
 */
export function mobileSource(dem: DemSummary | null, model: number): string {
  if (!dem) return 'predicted: disk';
  const fallback = (model & MODEL_DISK_FALLBACK) !== 0;
  const terrain = (model & MODEL_TERRAIN) !== 0;
  if (fallback && !terrain) return `predicted: disk (outside the DEM ${dem.label})`;
  return `predicted: terrain (${dem.label})${fallback ? '; disk outside the DEM' : ''}`;
}
