/**
 * Households of a village: the declared count, else an estimate from its population at a
 * documented, editable number of persons per household (`personsPerHousehold`), else unknown.
 * One rule, used by the KPIs, the per-unit tables and the plan board.
 */

/** A village's households and whether the number is an estimate. */
export interface VillageHouseholds {
  value: number;
  estimated: boolean;
}

/** Declared households, else population ÷ persons per household; null when neither is known. */
export function villageHouseholds(
  village: { households: number | null; population: number | null },
  personsPerHousehold: number,
): VillageHouseholds | null {
  if (village.households !== null) return { value: village.households, estimated: false };
  if (village.population !== null) return { value: village.population / personsPerHousehold, estimated: true };
  return null;
}
