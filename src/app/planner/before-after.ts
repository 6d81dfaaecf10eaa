import { gapOf, type Gap } from '../../core/classify.ts';
import type { Kpis as CoreKpis } from '../../core/kpis.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import { coveredFor, operatorCoverageOfRows } from '../../core/planning/operator-coverage.ts';
import { ANY_OPERATOR, type OperatorCoverage } from '../../core/planning/plan-operator.ts';
import { NO_FIBRE, type Kpis } from './plan-board.ts';

export { coveredFor, operatorCoverageOfRows as operatorShare };

/**
 * Before → after of a proposal: the rows with the proposal, which gaps it closes, and the plan
 * board's values on both sides. Pure (no DOM).
 */

/** "Any operator": a village covered by at least one. */
export const ANY = ANY_OPERATOR;

/** The base rows with the changed villages replaced (a new array; the base is not touched). */
export function applyChanges(base: readonly GapRow[], changed: ArrayLike<number>, rows: readonly GapRow[]): GapRow[] {
  const out = base.slice();
  for (let j = 0; j < changed.length; j++) out[changed[j]] = rows[j];
  return out;
}

/** Villages that are a mobile gap for `operator` before and covered after (among `changed`). */
export function closedGaps(before: readonly GapRow[], after: readonly GapRow[], changed: ArrayLike<number>, operator: string): Set<number> {
  const out = new Set<number>();
  for (let j = 0; j < changed.length; j++) {
    const v = changed[j];
    if (before[v].status === 'ok' && !coveredFor(before[v], operator) && coveredFor(after[v], operator)) out.add(v);
  }
  return out;
}

/** The plan board's `data-kpi` values of a gap list's KPIs (FTTH ones marked unknown without a fibre layer). */
export function boardKpis(k: CoreKpis): Kpis {
  const ftth = (v: number | null): number | null | typeof NO_FIBRE => (k.ftthKnown ? v : NO_FIBRE);
  return {
    villages: k.villages,
    'mobile-villages-pct': k.mobileVillagesPct,
    'ftth-villages-pct': ftth(k.ftthVillagesPct),
    'shared-sites-pct': k.sharedSitesPct,
    'households-fibre-pct': ftth(k.householdsFibrePct),
    'gap-mobile': k.gapMobile,
    'gap-ftth': ftth(k.gapFtth),
    'gap-both': ftth(k.gapBoth),
    'trang-song': k.trangSong,
    'lom-song': k.lomSong,
  };
}

/** Coverage of `operator` over `rows` (the planning core's measure, shared with the worker). */
export type OperatorShare = OperatorCoverage;

/** The gap class with mobile coverage judged for one operator (FTTH as it is). */
export function gapFor(row: GapRow, operator: string): Gap {
  if (row.status === 'invalid') return row.gap;
  return gapOf(coveredFor(row, operator), row.ftth_covered);
}
