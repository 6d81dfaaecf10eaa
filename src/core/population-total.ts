/**
 * Adds a village's people to a running total of several villages. A village that declares no
 * population makes the total unknown (null): a sum of the others would pass for everyone's.
 * Start from 0.
 */
export function addPopulation(total: number | null, population: number | null): number | null {
  return total === null || population === null ? null : total + population;
}
