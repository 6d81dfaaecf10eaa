import type { AnalysisParams } from './params.ts';

export type Gap = 'none' | 'mobile' | 'ftth' | 'both';

/**
 * Reason codes (short, stable; the app and README translate them):
 * - `geometry-invalid`  the polygon could not be repaired; nothing could be measured, counted as a gap
 * - `geometry-repaired` the polygon was repaired before measuring
 * - `mobile-none`       no broadband footprint reaches the village at all
 * - `mobile-centre`     the centre is outside every footprint ("trắng sóng")
 * - `mobile-population` less than the threshold of the populated weight is covered ("lõm sóng")
 * - `mobile-area`       less than the threshold of the area is covered
 * - `ftth-none`         no populated point lies within drop reach of fibre
 * - `ftth-partial`      some, but less than the threshold, of the populated weight is within reach
 * - `population-assumed` no settlement points: population taken as spread over the area
 * - `terrain-shadow`    within reach of a mast, but terrain hides enough of it that it is a gap (the
 *                       plain disks and sectors would have covered it)
 */
export type ReasonCode =
  | 'geometry-invalid'
  | 'geometry-repaired'
  | 'mobile-none'
  | 'mobile-centre'
  | 'mobile-population'
  | 'mobile-area'
  | 'ftth-none'
  | 'ftth-partial'
  | 'population-assumed'
  | 'terrain-shadow';

export interface VillageMeasures {
  invalid: boolean;
  repaired: boolean;
  areaFraction: number;
  popFraction: number;
  centreCovered: boolean;
  ftthFraction: number;
  /** No settlement points: the population is treated as spread over the area. */
  populationAssumed: boolean;
  /** With an elevation model: the same measures with every footprint its plain disk or sector. */
  disk?: { areaFraction: number; popFraction: number; centreCovered: boolean } | null;
}

export interface Classification {
  gap: Gap;
  mobileCovered: boolean;
  ftthCovered: boolean;
  reasons: ReasonCode[];
}

/**
 * Decide whether a village has mobile broadband and FTTH, by the rule in `params`, and say why not.
 * A village whose polygon is invalid cannot be shown to be covered, so it counts as a gap on both.
 */
export function classifyVillage(m: VillageMeasures, params: AnalysisParams): Classification {
  const reasons: ReasonCode[] = [];
  if (m.invalid) {
    return { gap: 'both', mobileCovered: false, ftthCovered: false, reasons: ['geometry-invalid'] };
  }
  if (m.repaired) reasons.push('geometry-repaired');
  const t = params.coverageThreshold;
  const mobileCovered = mobileRule(m.areaFraction, m.popFraction, m.centreCovered, params);
  if (!mobileCovered) {
    if (m.areaFraction === 0 && m.popFraction === 0 && !m.centreCovered) reasons.push('mobile-none');
    else {
      if (!m.centreCovered) reasons.push('mobile-centre');
      if (m.popFraction < t) reasons.push('mobile-population');
      if (m.areaFraction < t) reasons.push('mobile-area');
    }
    if (m.disk && mobileRule(m.disk.areaFraction, m.disk.popFraction, m.disk.centreCovered, params)) reasons.push('terrain-shadow');
  }
  const ftthCovered = m.ftthFraction > 0 && m.ftthFraction >= params.ftthThreshold;
  if (!ftthCovered) reasons.push(m.ftthFraction === 0 ? 'ftth-none' : 'ftth-partial');
  if (m.populationAssumed) reasons.push('population-assumed');
  const gap: Gap = mobileCovered ? (ftthCovered ? 'none' : 'ftth') : ftthCovered ? 'mobile' : 'both';
  return { gap, mobileCovered, ftthCovered, reasons };
}

/** The "covered by mobile broadband" rule of `params` applied to one village's measures. */
function mobileRule(areaFraction: number, popFraction: number, centreCovered: boolean, params: AnalysisParams): boolean {
  if (params.coverageMeasure === 'centre') return centreCovered;
  return (params.coverageMeasure === 'area' ? areaFraction : popFraction) >= params.coverageThreshold;
}
