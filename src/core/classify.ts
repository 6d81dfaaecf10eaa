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
 * - `ftth-unknown`      no fibre layer was given: FTTH is not known (null), the gap is mobile's alone
 * - `population-assumed` no settlement points: population taken as spread over the area
 * - `population-zero`   the village declares 0 people and holds no settlement point: there is nobody
 *                       to count, so the population share is unknown and the population rule falls
 *                       back to the area share
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
  | 'ftth-unknown'
  | 'population-assumed'
  | 'population-zero'
  | 'terrain-shadow';

export interface VillageMeasures {
  invalid: boolean;
  repaired: boolean;
  areaFraction: number;
  /** Share of the populated weight covered; null when the village has nobody to count (population-zero). */
  popFraction: number | null;
  centreCovered: boolean;
  /** Share of the populated weight within fibre reach; null when no fibre layer was given. */
  ftthFraction: number | null;
  /** No settlement points: the population is treated as spread over the area. */
  populationAssumed: boolean;
  /** With an elevation model: the same measures with every footprint its plain disk or sector. */
  disk?: { areaFraction: number; popFraction: number | null; centreCovered: boolean } | null;
}

export interface Classification {
  gap: Gap;
  mobileCovered: boolean;
  /** null: unknown (no fibre layer). */
  ftthCovered: boolean | null;
  reasons: ReasonCode[];
}

/**
 * The gap class from the two verdicts. FTTH unknown (null) leaves the class to mobile alone:
 * "none" or "mobile", never a guessed "ftth"/"both".
 */
export function gapOf(mobileCovered: boolean, ftthCovered: boolean | null): Gap {
  if (ftthCovered === null) return mobileCovered ? 'none' : 'mobile';
  return mobileCovered ? (ftthCovered ? 'none' : 'ftth') : ftthCovered ? 'mobile' : 'both';
}

/**
 * Decide whether a village has mobile broadband and FTTH, by the rule in `params`, and say why not.
 * A village whose polygon is invalid cannot be shown to be covered, so it counts as a gap on both
 * (on mobile alone when FTTH is unknown for every village: `ftthKnown` false).
 */
export function classifyVillage(m: VillageMeasures, params: AnalysisParams): Classification {
  const reasons: ReasonCode[] = [];
  const ftthKnown = m.ftthFraction !== null;
  if (m.invalid) {
    const ftthCovered = ftthKnown ? false : null;
    return { gap: gapOf(false, ftthCovered), mobileCovered: false, ftthCovered, reasons: ftthKnown ? ['geometry-invalid'] : ['geometry-invalid', 'ftth-unknown'] };
  }
  if (m.repaired) reasons.push('geometry-repaired');
  const t = params.coverageThreshold;
  // Nobody to count: the population rule decides by area, and says so.
  const pop = m.popFraction ?? m.areaFraction;
  const mobileCovered = mobileRule(m.areaFraction, m.popFraction, m.centreCovered, params);
  if (!mobileCovered) {
    if (m.areaFraction === 0 && pop === 0 && !m.centreCovered) reasons.push('mobile-none');
    else {
      if (!m.centreCovered) reasons.push('mobile-centre');
      if (m.popFraction !== null && m.popFraction < t) reasons.push('mobile-population');
      if (m.areaFraction < t) reasons.push('mobile-area');
    }
    if (m.disk && mobileRule(m.disk.areaFraction, m.disk.popFraction, m.disk.centreCovered, params)) reasons.push('terrain-shadow');
  }
  let ftthCovered: boolean | null = null;
  if (m.ftthFraction === null) reasons.push('ftth-unknown');
  else {
    ftthCovered = m.ftthFraction > 0 && m.ftthFraction >= params.ftthThreshold;
    if (!ftthCovered) reasons.push(m.ftthFraction === 0 ? 'ftth-none' : 'ftth-partial');
  }
  if (m.populationAssumed) reasons.push('population-assumed');
  if (m.popFraction === null) reasons.push('population-zero');
  return { gap: gapOf(mobileCovered, ftthCovered), mobileCovered, ftthCovered, reasons };
}

/**
 * The "covered by mobile broadband" rule of `params` applied to one village's measures (a village with
 * nobody to count, `popFraction` null, is judged by area under the population rule).
 */
function mobileRule(areaFraction: number, popFraction: number | null, centreCovered: boolean, params: AnalysisParams): boolean {
  if (params.coverageMeasure === 'centre') return centreCovered;
  return (params.coverageMeasure === 'area' ? areaFraction : (popFraction ?? areaFraction)) >= params.coverageThreshold;
}
