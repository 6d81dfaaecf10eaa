import type { GapRow } from '../../core/output/gap-row.ts';
import { ANY, coveredFor, gapFor } from '../planner/before-after.ts';

/**
 * An operator's own view of the gap list (pure): coverage judged by that operator alone, and for
 * each of its gaps the existing sites of others that would close it if shared.
 */

/** The sites that would close each gap village if shared (village index → site ids). */
export type SharingSites = ReadonlyMap<number, readonly string[]>;

/** Sharing sites by village from the worker's sparse list. */
export function sharingSitesByVillage(list: readonly { village: number; sites: string[] }[]): Map<number, string[]> {
  return new Map(list.map((x) => [x.village, x.sites]));
}

/**
 * The rows as `operator` sees them: `mobile_covered` and `gap` by that operator alone, and
 * `sharing_sites` for its remaining gaps. "any" gives the rows back unchanged.
 */
export function operatorRows(rows: readonly GapRow[], operator: string, sharing: SharingSites | null): GapRow[] {
  if (operator === ANY) return rows.slice();
  return rows.map((r, v) => {
    const covered = r.status === 'ok' && coveredFor(r, operator);
    return {
      ...r,
      mobile_covered: covered,
      gap: gapFor(r, operator),
      sharing_sites: covered ? [] : [...(sharing?.get(v) ?? [])],
    };
  });
}

/** The gap list with `sharing_sites` for `operator`'s gaps and province-wide gaps (what the CLI's `plan --gaps` writes). */
export function rowsWithSharingSites(rows: readonly GapRow[], operator: string, sharing: SharingSites | null): GapRow[] {
  if (operator === ANY || !sharing) return rows.slice();
  return rows.map((r, v) => ({ ...r, sharing_sites: coveredFor(r, operator) ? [] : [...(sharing.get(v) ?? [])] }));
}
