import type { GapRow } from './gap-row.ts';

/**
 * The result properties a village carries on the map (its colour, filters and popup), from its gap
 * row: one builder for the province's layer on the page and the country's viewport in the worker.
 */
export function gapMapProperties(row: GapRow): Record<string, unknown> {
  return {
    gap: row.gap,
    status: row.status,
    mobile_area_fraction: row.mobile_area_fraction,
    mobile_pop_fraction: row.mobile_pop_fraction,
    mobile_centre_covered: row.mobile_centre_covered,
    ftth_fraction: row.ftth_fraction,
    reasons: row.reasons.join(','),
  };
}
