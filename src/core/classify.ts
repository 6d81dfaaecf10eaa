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
  | 'population-assumed';

export interface VillageMeasures {
  invalid: boolean;
  repaired: boolean;
  areaFraction: number;
  popFraction: number;
  centreCovered: boolean;
  ftthFraction: number;
  /** No settlement points: the population is treated as spread over the area. */
  populationAssumed: boolean;
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
  const measure =
    params.coverageMeasure === 'area' ? m.areaFraction : params.coverageMeasure === 'population' ? m.popFraction : m.centreCovered ? 1 : 0;
  const mobileCovered = params.coverageMeasure === 'centre' ? m.centreCovered : measure >= t;
  if (!mobileCovered) {
    if (m.areaFraction === 0 && m.popFraction === 0 && !m.centreCovered) reasons.push('mobile-none');
    else {
      if (!m.centreCovered) reasons.push('mobile-centre');
      if (m.popFraction < t) reasons.push('mobile-population');
      if (m.areaFraction < t) reasons.push('mobile-area');
    }
  }
  const ftthCovered = m.ftthFraction > 0 && m.ftthFraction >= params.ftthThreshold;
  if (!ftthCovered) reasons.push(m.ftthFraction === 0 ? 'ftth-none' : 'ftth-partial');
  if (m.populationAssumed) reasons.push('population-assumed');
  const gap: Gap = mobileCovered ? (ftthCovered ? 'none' : 'ftth') : ftthCovered ? 'mobile' : 'both';
  return { gap, mobileCovered, ftthCovered, reasons };
}
