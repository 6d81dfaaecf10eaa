import type { GapRow } from '../output/gap-row.ts';
import { ANY_OPERATOR, type OperatorCoverage } from './plan-operator.ts';

/** Whether `row` counts as covered for `operator` ("any": by at least one operator). */
export function coveredFor(row: GapRow, operator: string): boolean {
  return operator === ANY_OPERATOR ? row.mobile_covered : row.mobile_operators.includes(operator);
}

/** Villages and people of `rows` covered for `operator`, with shares in percent. */
export function operatorCoverageOfRows(rows: readonly GapRow[], operator: string): OperatorCoverage {
  let covered = 0;
  let population = 0;
  let coveredPopulation = 0;
  for (const r of rows) {
    const p = r.population ?? 0;
    population += p;
    if (coveredFor(r, operator)) {
      covered++;
      coveredPopulation += p;
    }
  }
  const n = rows.length;
  return {
    villages: n,
    coveredVillages: covered,
    coveredVillagesPct: n > 0 ? (100 * covered) / n : null,
    population,
    coveredPopulation,
    coveredPopulationPct: population > 0 ? (100 * coveredPopulation) / population : null,
  };
}
